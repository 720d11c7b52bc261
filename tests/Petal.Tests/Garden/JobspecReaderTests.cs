using Petal.Garden.Descriptions;
using Petal.Garden.Jobspecs;
using Petal.Garden.Matching;
using Petal.Garden.Values;

namespace Petal.Tests.Garden;

public class JobspecReaderTests
{
    [Fact]
    public void Compact_form_spreads_tasks_over_nodes_and_reads_requires()
    {
        var job = JobspecReader.Parse("nodes: 2\ntasks: 7\ncores_per_task: 2\nwalltime: 1h\nrequires:\n  arch: x86_64\n  software: [go@1.20:]\n", "j");
        var node = Assert.Single(job.Resources);
        Assert.Equal(2, node.Count);
        Assert.Equal(7, node.With[0].Count);
        Assert.Equal(TimeSpan.FromHours(1), job.Walltime);
        Assert.Equal("j", job.Name);
        Assert.Contains(node.Requirements, r => r.Describe() == "arch = amd64");
    }

    [Fact]
    public void Errors_are_located_and_all_reported_at_once()
    {
        var e = Assert.Throws<GardenInputException>(() =>
            JobspecReader.Parse("nodes: zero\nmemory_per_node: 16\nrequires:\n  software: [go@1.20:1.10]\n", file: "job.yaml"));
        Assert.Contains("job.yaml:1:8: nodes must be a whole number", e.Message);
        Assert.Contains("job.yaml:2:18: memory_per_node: '16' has no unit", e.Message);
        Assert.Contains("empty", e.Message);
    }

    [Fact]
    public void Nextgen_needs_version_1_and_types()
    {
        var e = Assert.Throws<GardenInputException>(() => JobspecReader.Parse("version: 2\nresources:\n  a: {count: 1}\n", file: "x.yaml"));
        Assert.Contains("x.yaml:1:10: version must be 1", e.Message);
        Assert.Contains("needs a type", e.Message);
    }

    [Fact]
    public void Bad_yaml_is_a_located_error() =>
        Assert.Contains("x.yaml:2:1: not valid YAML", Assert.Throws<GardenInputException>(() => JobspecReader.Parse("a: [1, 2\n", file: "x.yaml")).Message);

    [Fact]
    public void A_yaml_list_gives_several_named_jobs()
    {
        var jobs = JobspecReader.ParseAll("- nodes: 1\n- name: big\n  nodes: 4\n", "batch");
        Assert.Equal(["batch-1", "big"], jobs.Select(j => j.Name));
    }

    [Fact]
    public void Negation_and_any_of_in_compact_requires_match_as_written()
    {
        var cluster = RainbowFixtures.Keebler();
        ClusterMatch Run(string requires) =>
            GardenMatcher.Match(JobspecReader.Parse("nodes: 1\nrequires:\n" + requires), [cluster]).Single();
        // keebler's JGF node vertices have no arch field: "not arm64" holds, "arm64" does not.
        Assert.True(Run("  arch: '!arm64'\n").Matched);
        Assert.False(Run("  arch: arm64\n").Matched);
        Assert.True(Run("  basename: [rack, node]\n").Matched);
        Assert.Equal(MatchGrade.Compatible, Run("  basename: [rack, node]\n").Grade);
        Assert.Equal(MatchGrade.Exact, Run("  basename: [node, rack]\n").Grade);
    }
}

public class CompactFlowStyleTests
{
    [Fact]
    public void An_unquoted_open_range_in_flow_style_reads_as_the_range()
    {
        var job = JobspecReader.Parse("nodes: 1\nrequires: {arch: arm64, software: [go@1.20:]}\n");
        Assert.Contains(job.Resources[0].Requirements, r => r.Describe() == "software go@1.20:");
    }
}

/// <summary>Bounds of the jobspec reader (the service tests send the same jobspecs over gRPC).</summary>
public class JobspecBoundsTests
{
    private static string Refused(string yaml) => Assert.Throws<GardenInputException>(() => JobspecReader.Parse(yaml, file: "j.yaml")).Message;

    [Theory]
    [InlineData("90", 90 * 60)]
    [InlineData("1-00:00:00", 86400)]
    [InlineData("365d", 365 * 86400)]
    [InlineData("2h", 7200)]
    public void Walltimes_within_a_year_are_read(string text, double seconds)
    {
        Assert.True(Walltime.TryParse(text, out var value));
        Assert.Equal(seconds, value.TotalSeconds);
    }

    [Theory]
    [InlineData("366d")]
    [InlineData("1e300s")]
    [InlineData("NaNs")]
    [InlineData("Infinityh")]
    [InlineData("-1h")]
    [InlineData("2147483647-00:00:00")]
    [InlineData("9223372036854775807")]
    public void Walltimes_beyond_a_year_or_not_finite_are_not_durations(string text) =>
        Assert.False(Walltime.TryParse(text, out _));

    [Fact]
    public void A_nextgen_duration_is_seconds_within_the_bounds()
    {
        const string head = "version: 1\nresources:\n  n: {type: node, count: 1}\nattributes: {system: {duration: ";
        Assert.Equal(TimeSpan.FromSeconds(90.5), JobspecReader.Parse(head + "90.5}}\n").Walltime);
        Assert.Contains("j.yaml:4:33: attributes.system.duration '-5' is not a duration", Refused(head + "-5}}\n"));
    }

    [Fact]
    public void A_list_entry_keeps_its_own_text_with_quoted_values_quoted()
    {
        var jobs = JobspecReader.ParseAll("- name: a\n  nodes: 1\n  command: [echo, '5']\n- nodes: 2\n", "batch");
        Assert.Equal(["echo", "5"], JobspecReader.Parse(jobs[0].Text).Command);
        Assert.Contains("\"5\"", jobs[0].Text);
        Assert.DoesNotContain("nodes: 2", jobs[0].Text);
    }

    [Fact]
    public void Priorities_are_read_by_the_bounded_reader_too() =>
        Assert.Contains("nests deeper", Assert.Throws<GardenInputException>(() =>
            Petal.Garden.Selection.ConstraintOptions.Parse(new string('[', 10_000))).Message);
}
