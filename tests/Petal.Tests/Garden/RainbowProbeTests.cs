using Petal.Garden.Descriptions;
using Petal.Garden.Jobspecs;
using Petal.Garden.Matching.Index;
using Petal.Garden.Matching;

namespace Petal.Tests.Garden;

/// <summary>The probe cases of EXPECTED.md on keebler (+io): intended semantics, counts per slot instance.</summary>
public class RainbowProbeTests
{
    private static ClusterMatch Run(string resources)
    {
        var job = JobspecReader.Parse("version: 1\nresources:\n" + resources + "\ntasks: [{command: [app], resources: job}]\n", "probe");
        ClusterDescription[] clusters = [RainbowFixtures.Keebler()];
        ClusterIndexTests.Same(job, clusters, new ClusterIndex(clusters));
        return GardenMatcher.Match(job, clusters).Single();
    }

    private static string Nodes(int replicas, string with) =>
        $"  job:\n    type: node\n    replicas: {replicas}\n    with: [{with}]";

    [Theory]
    [InlineData(3, "{type: core, count: 12}", true, null)]
    [InlineData(3, "{type: core, count: 13}", false, "needs 13 cores per node, node has 12")]
    [InlineData(4, "{type: core, count: 1}", false, "needs 4 nodes, cluster has 3")]
    [InlineData(1, "{type: core, count: 24}", false, "needs 24 cores per node, node has 12")]
    [InlineData(1, "{type: core, count: 40}", false, "needs 40 cores per node, node has 12")]
    [InlineData(1, "{type: gpu, count: 1}", false, "no GPU")]
    public void Node_replicas_with_counts(int replicas, string with, bool matches, string? reason)
    {
        var m = Run(Nodes(replicas, with));
        Assert.Equal(matches, m.Matched);
        if (reason is not null) Assert.Contains(reason, m.Reasons);
    }

    [Fact]
    public void Faux_slot_node_count_2_with_4_cores_matches() =>
        Assert.True(Run("  job:\n    type: node\n    count: 2\n    with: [{type: core, count: 4}]").Matched);

    [Theory]
    [InlineData("nvme", true)]
    [InlineData("shm", true)]
    [InlineData("lustre", false)]
    public void Node_slot_requires_io_type(string io, bool matches)
    {
        var m = Run($"  job:\n    type: node\n    replicas: 1\n    requires: [{{name: io, field: type, match: {io}}}]\n    with: [{{type: core, count: 2}}]");
        Assert.Equal(matches, m.Matched);
        if (!matches) Assert.Contains(m.Reasons, r => r.Contains("no io vertex with type = lustre"));
    }

    [Fact]
    public void Requires_io_on_the_core_level_does_not_match_because_cores_have_no_io_links()
    {
        var m = Run("  job:\n    type: node\n    replicas: 1\n    with: [{type: core, count: 2, requires: [{name: io, field: type, match: shm}]}]");
        Assert.False(m.Matched);
        Assert.Contains(m.Reasons, r => r.Contains("has no io subsystem links"));
    }

    [Fact]
    public void Requirement_above_a_slot_counts()
    {
        const string resources = "  job:\n    type: node\n    count: 1\n    requires: [{name: io, field: type, match: lustre}]\n"
            + "    with:\n    - type: slot\n      count: 1\n      label: job\n      with: [{type: core, count: 2}]";
        Assert.False(Run(resources).Matched);
        Assert.True(Run(resources.Replace("lustre", "shm")).Matched);
    }

    [Fact]
    public void Slot_counts_multiply_into_the_node_request()
    {
        const string resources = "  job:\n    type: node\n    count: 1\n"
            + "    with:\n    - type: slot\n      count: {0}\n      label: job\n      with: [{{type: core, count: 4}}]";
        Assert.True(Run(string.Format(resources, 3)).Matched);
        var m = Run(string.Format(resources, 4));
        Assert.False(m.Matched);
        Assert.Contains("needs 16 cores per node, node has 12", m.Reasons);
    }
}
