using Petal.Garden.Descriptions;
using Petal.Garden.Jobspecs;
using Petal.Garden.Matching;
using Petal.Garden.Matching.Index;

namespace Petal.Tests.Garden;

/// <summary>tests/corpora/rainbow/EXPECTED.md, the matching cases (F1, F2, F12–F15 are the service's).</summary>
public class RainbowConformanceTests
{
    /// <summary>The plain matcher's answer, after checking the index gives the same one.</summary>
    private static ClusterMatch One(Jobspec job, ClusterDescription cluster)
    {
        ClusterIndexTests.Same(job, [cluster], new ClusterIndex([cluster]));
        return GardenMatcher.Match(job, [cluster]).Single();
    }

    [Fact]
    public void F3_io_jobspec_matches_keebler_with_io_every_time()
    {
        var job = JobspecReader.Parse(RainbowFixtures.Read("scheduler/jobspec-io.yaml"), "io");
        for (var i = 0; i < 50; i++)
        {
            var m = One(job, RainbowFixtures.Keebler());
            Assert.True(m.Matched, string.Join("; ", m.Reasons));
            Assert.Equal(MatchGrade.Exact, m.Grade);
        }
    }

    [Fact]
    public void F4_io_jobspec_without_io_subsystem_does_not_match_and_says_io_is_missing()
    {
        var m = One(JobspecReader.Parse(RainbowFixtures.Read("scheduler/jobspec-io.yaml")), RainbowFixtures.Keebler(io: false));
        Assert.False(m.Matched);
        Assert.Contains(m.Reasons, r => r.Contains("no io subsystem"));
    }

    [Fact]
    public void F5_simple_2_nodes_24_tasks_matches()
    {
        var m = One(Jobspec.Simple(2, 24, ["echo", "hello", "world"]), RainbowFixtures.Keebler(io: false));
        Assert.True(m.Matched, string.Join("; ", m.Reasons));
    }

    [Fact]
    public void F6_simple_100_nodes_does_not_match_with_the_node_count()
    {
        var m = One(Jobspec.Simple(100, 24, ["echo"]), RainbowFixtures.Keebler(io: false));
        Assert.False(m.Matched);
        Assert.Contains("needs 100 nodes, cluster has 3", m.Reasons);
    }

    [Fact]
    public void F7_constraint_jobspec_matches_and_keeps_its_parameter()
    {
        var job = JobspecReader.Parse(RainbowFixtures.Read("scheduler/jobspec-constraint.yaml"));
        Assert.True(One(job, RainbowFixtures.Keebler(io: false)).Matched);
        Assert.Equal(0.4, job.Parameters["seconds_per_gb"]);
    }

    [Fact]
    public void F9_F10_valid_range_matches_spack_builder_every_time()
    {
        var job = JobspecReader.Parse(RainbowFixtures.Read("range/jobspec-valid-range.yaml"));
        for (var i = 0; i < 50; i++)
            Assert.True(One(job, RainbowFixtures.SpackBuilder()).Matched);
    }

    [Fact]
    public void F11_invalid_range_does_not_match_with_the_reason()
    {
        var m = One(JobspecReader.Parse(RainbowFixtures.Read("range/jobspec-invalid-range.yaml")), RainbowFixtures.SpackBuilder());
        Assert.False(m.Matched);
        Assert.Contains(m.Reasons, r => r.Contains("spack") && r.Contains("version") && r.Contains("0.5.2"));
    }

    [Fact]
    public void F16_like_rebuilding_without_the_io_subsystem_leaves_no_stale_links()
    {
        var job = JobspecReader.Parse(RainbowFixtures.Read("scheduler/jobspec-io.yaml"));
        Assert.True(One(job, RainbowFixtures.Keebler()).Matched);
        // The service keeps the JGF texts and rebuilds the description when a subsystem is deleted.
        Assert.False(One(job, RainbowFixtures.Keebler(io: false)).Matched);
    }
}
