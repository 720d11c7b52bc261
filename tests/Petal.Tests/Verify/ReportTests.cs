using System.Text.Json;
using Petal.Cli;
using Petal.Seeds;
using Petal.Verify;
using Petal.Verify.Reports;

namespace Petal.Tests.Verify;

public sealed class ReportTests
{
    private static TestRun Run(Verdict computeVerdict)
    {
        CheckResult[] checks =
        [
            OutcomeDeciderTests.Check("p1.head.module-avail", CheckArea.HeadSoftware, Verdict.Pass),
            OutcomeDeciderTests.Check("p1.compute.q.module-avail", CheckArea.ComputeSoftware, computeVerdict) with
            {
                Where = new CheckLocation(NodeRole.Compute, "q", "q-st-c5-1"), Command = "module --redirect -t avail", Output = "x | y",
            },
            OutcomeDeciderTests.Check("p3.s3", CheckArea.S3, Verdict.Skipped),
        ];
        var ctx = new DecisionContext(SoftwareLayout.Ami, "lab.yaml", "/opt/spack");
        return new TestRun
        {
            Cluster = "lab", Provider = "aws", Layout = SoftwareLayout.Ami, SeedFile = "lab.yaml",
            Outcome = OutcomeDecider.Decide(checks), Recommendations = OutcomeDecider.Recommend(ctx, checks),
            Phases = [new PhaseResult(1, PhaseResult.TitleOf(1), checks[..2], TimeSpan.FromSeconds(12)),
                      new PhaseResult(3, PhaseResult.TitleOf(3), checks[2..], TimeSpan.FromSeconds(1))],
            StartedAt = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero), Duration = TimeSpan.FromSeconds(13),
            Cost = new RunCost(0.25, 0.0425m, "us-east-1 prices"),
        };
    }

    [Fact]
    public void Json_has_outcome_letter_phases_checks_and_snake_case_enums()
    {
        var json = JsonDocument.Parse(JsonSerializer.Serialize(TestRunDocument.From(Run(Verdict.Fail)), CliOutput.Json)).RootElement;
        Assert.Equal("B", json.GetProperty("outcome").GetString());
        Assert.False(json.GetProperty("must_haves_passed").GetBoolean());
        Assert.StartsWith("Outcome B", json.GetProperty("recommendation").GetString());
        Assert.Equal(2, json.GetProperty("phases").GetArrayLength());
        Assert.Equal(1, json.GetProperty("phases")[0].GetProperty("failed").GetInt32());
        var check = json.GetProperty("checks")[1];
        Assert.Equal("compute_software", check.GetProperty("area").GetString());
        Assert.Equal("fail", check.GetProperty("verdict").GetString());
        Assert.Equal("q-st-c5-1", check.GetProperty("where").GetProperty("node").GetString());
        var skipped = json.GetProperty("checks")[2];
        Assert.Equal("skipped", skipped.GetProperty("verdict").GetString());
        Assert.Equal("cannot run here", skipped.GetProperty("reason").GetString());
        Assert.Equal(0.0425m, json.GetProperty("cost").GetProperty("dollars").GetDecimal());
    }

    [Fact]
    public void Markdown_report_has_the_cluster_phases_outcome_cost_and_failed_commands()
    {
        var md = MarkdownReport.Render(Run(Verdict.Fail));
        Assert.Contains("| Layout | ami |", md);
        Assert.Contains("| Outcome | **B** (a must-have failed) |", md);
        Assert.Contains("| Estimated cost | $0.0425 for 0.2500 instance-hours (us-east-1 prices) |", md);
        Assert.Contains("## Phase 1: Basic functionality", md);
        Assert.Contains("| must | q/q-st-c5-1 | **FAIL** |", md);
        Assert.Contains("| skipped |", md);
        Assert.Contains("### p1.compute.q.module-avail failed", md);
        Assert.Contains("```bash\nmodule --redirect -t avail\n```", md);
        Assert.Contains("`petal plan lab.yaml --layout snapshot`", md);
    }

    [Fact]
    public void Markdown_report_of_a_passing_run_lists_no_failures()
    {
        var md = MarkdownReport.Render(Run(Verdict.Pass));
        Assert.Contains("| Outcome | **A** (every must-have passed) |", md);
        Assert.DoesNotContain("### ", md);
    }
}
