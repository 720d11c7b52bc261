using Petal.Common;
using Petal.Spot.Plans;
using Petal.Spot.Selection;
using Petal.Tests.Support;

namespace Petal.Tests.Spot;

public class SpotPlanLoaderTests
{
    private const string Good = """
        region: us-east-2
        batches: 2
        iterations: 3
        seed: 9
        choose: diversified
        node_startup: 90s
        experiments:
          - name: 4x32vcpu
            vcpus: 32
            max_instance_types: 4
            filter_instance_types: 20
            max_spot_price: 2
            nodes: 4
            vars: {CPU: 10, X: 2, Y: 2, Z: 2, NP: 16}
        """;

    [Fact]
    public void A_good_plan_loads_with_the_built_in_lammps_template()
    {
        var r = SpotPlanLoader.LoadText(Good, "plan.yaml");
        Assert.True(r.Ok, string.Join("\n", r.Diagnostics));
        Assert.Empty(r.Diagnostics);
        var p = r.Plan!;
        Assert.Equal(("us-east-2", 2, 3, 9, SpotChoice.Diversified, TimeSpan.FromSeconds(90)), (p.Region, p.Batches, p.Iterations, p.Seed, p.Choose, p.NodeStartup));
        var e = Assert.Single(p.Experiments);
        Assert.Equal((32, 4, 20, 2m, 4), (e.VCpus!.Value, e.MaxInstanceTypes, e.FilterInstanceTypes, e.MaxSpotPrice!.Value, e.Nodes));
        Assert.Equal(["CPU", "NODES", "NP", "TAG", "X", "Y", "Z"], p.Template.Placeholders.Select(x => x.Name).Distinct().Order());
        var script = p.Template.Render(new Dictionary<string, string>(e.Vars) { ["NODES"] = "4", ["TAG"] = "iter-1-1" });
        Assert.Contains("mpirun -np 16 lmp -var x 2 -var y 2 -var z 2 -in in.lj", script);
        Assert.Contains("#SBATCH --nodes=4", script);
        Assert.DoesNotContain("[[", script);
        // Batch seeds are the plan seed + batch - 1.
        Assert.Equal(10, p.Query(e, 2).Seed);
    }

    [Fact]
    public void Unknown_and_unfilled_placeholders_are_located_errors_all_at_once()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("plan.yaml", """
            iterations: 2
            template: |
              #!/bin/bash
              srun -n [[NP]] ./bench [[SIZE]] [[NODES]]
              echo [[MISSING]]
            experiments:
              - name: a
                vcpus: 8
                vars: {NP: 8, SIZE: 10}
              - name: b
                vcpus: 16
                vars: {NP: 16, UNUSED: 1}
            """);
        var r = SpotPlanLoader.Load(path);
        Assert.False(r.Ok);
        var unknown = Assert.Single(r.Diagnostics, d => d.RuleId == SpotPlanRules.UnknownPlaceholder);
        Assert.Equal(new SourceLocation(path, 5, 8), unknown.Location);
        Assert.Contains("[[MISSING]]", unknown.Message);
        var unfilled = Assert.Single(r.Diagnostics, d => d.RuleId == SpotPlanRules.UnfilledPlaceholder);
        Assert.Contains("'b' leaves [[SIZE]] unfilled", unfilled.Message);
        Assert.Contains($"{path}:4:26", unfilled.Message);
        Assert.Equal(10, unfilled.Location!.Value.Line);
        var unused = Assert.Single(r.Diagnostics, d => d.RuleId == SpotPlanRules.UnusedVar);
        Assert.Equal(Severity.Warning, unused.Severity);
    }

    [Fact]
    public void Bad_values_keys_and_unsafe_vars_are_all_reported_with_locations()
    {
        var r = SpotPlanLoader.LoadText("""
            batchs: 2
            iterations: zero
            choose: luckiest
            experiments:
              - name: a
                vcpus: 8
                cores: 4
                vars: {CPU: "1; rm -rf /", NODES: 3, NP: 1, X: 1, Y: 1, Z: 1}
              - name: a
                cores: 4
                vars: {CPU: 1, NP: 1, X: 1, Y: 1, Z: 1}
            """, "bad.yaml");
        Assert.False(r.Ok);
        Assert.Null(r.Plan);
        string At(string rule, string path) => Assert.Single(r.Diagnostics, d => d.RuleId == rule && d.Path == path).Location!.ToString();
        Assert.Equal("bad.yaml:1:1", At(SpotPlanRules.UnknownKey, "batchs"));
        Assert.Contains("did you mean 'batches'", r.Diagnostics.First(d => d.Path == "batchs").Hint);
        Assert.Equal("bad.yaml:2:13", At(SpotPlanRules.Value, "iterations"));
        Assert.Equal("bad.yaml:3:9", At(SpotPlanRules.Value, "choose"));
        Assert.Equal("bad.yaml:5:5", At(SpotPlanRules.Value, "experiments[0]"));
        Assert.Equal("bad.yaml:8:17", At(SpotPlanRules.Value, "experiments[0].vars.CPU"));
        Assert.Equal("bad.yaml:8:32", At(SpotPlanRules.Value, "experiments[0].vars.NODES"));
        Assert.Equal("bad.yaml:9:11", At(SpotPlanRules.Value, "experiments[1].name"));
        // Sorted by position, so the output reads top to bottom.
        Assert.Equal(r.Diagnostics.Select(d => d.Location!.Value.Line), r.Diagnostics.Select(d => d.Location!.Value.Line).Order());
    }

    [Fact]
    public void Template_file_placeholders_point_into_that_file()
    {
        using var dir = new TempDirectory();
        dir.Write("job.sh", "#!/bin/bash\necho [[NP]]\necho [[NOPE]]\n");
        var r = SpotPlanLoader.Load(dir.Write("plan.yaml", "template_file: job.sh\nexperiments:\n  - {name: a, vcpus: 2, vars: {NP: 2}}\n"));
        var d = Assert.Single(r.Diagnostics);
        Assert.Equal(new SourceLocation(dir.File("job.sh"), 3, 6), d.Location);
    }

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("5m", 300)]
    [InlineData("1h30m", 5400)]
    [InlineData("0.5h", 1800)]
    public void Durations_parse(string text, double seconds)
    {
        Assert.True(DurationText.TryParse(text, out var d));
        Assert.Equal(seconds, d.TotalSeconds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("0s")]
    [InlineData("m5")]
    public void Bad_durations_are_rejected(string text) => Assert.False(DurationText.TryParse(text, out _));
}
