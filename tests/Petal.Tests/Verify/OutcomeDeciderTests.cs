using Petal.Seeds;
using Petal.Verify;

namespace Petal.Tests.Verify;

public sealed class OutcomeDeciderTests
{
    public static CheckResult Check(string id, CheckArea area, Verdict verdict, Importance importance = Importance.Must) => new()
    {
        Id = id, Phase = 1, Area = area, Importance = importance, Title = id, Where = CheckLocation.Head, Verdict = verdict,
        Reason = verdict == Verdict.Skipped ? "cannot run here" : "",
    };

    private static readonly DecisionContext Ami = new(SoftwareLayout.Ami, "seeds/lab.yaml", "/opt/spack");

    [Fact]
    public void Every_must_have_passing_is_outcome_A_and_keeps_the_layout()
    {
        CheckResult[] checks = [Check("a", CheckArea.HeadSoftware, Verdict.Pass), Check("b", CheckArea.ComputeSoftware, Verdict.Pass)];
        Assert.Equal(Outcome.A, OutcomeDecider.Decide(checks));
        Assert.Equal("Outcome A: compute nodes can use the software; keep the ami layout.", OutcomeDecider.Recommend(Ami, checks)[0]);
    }

    [Fact]
    public void Skipped_must_haves_are_named_as_not_verified_whatever_the_outcome()
    {
        var skipped = Check("p3.mount.1", CheckArea.SharedStorage, Verdict.Skipped);
        foreach (var other in new[] { Verdict.Pass, Verdict.Fail })
        {
            CheckResult[] checks = [Check("a", CheckArea.Slurm, other), skipped];
            Assert.Contains(OutcomeDecider.Recommend(Ami, checks), r => r.StartsWith("Not verified", StringComparison.Ordinal) && r.Contains("p3.mount.1 (cannot run here)"));
        }
    }

    [Fact]
    public void A_failed_should_have_keeps_outcome_A_but_is_named()
    {
        CheckResult[] checks = [Check("a", CheckArea.HeadSoftware, Verdict.Pass), Check("python", CheckArea.HeadSoftware, Verdict.Fail, Importance.Should)];
        Assert.Equal(Outcome.A, OutcomeDecider.Decide(checks));
        Assert.Contains(OutcomeDecider.Recommend(Ami, checks), r => r.Contains("python") && r.Contains("not blocking"));
    }

    [Fact]
    public void A_skipped_must_have_is_named_as_not_verified()
    {
        CheckResult[] checks = [Check("a", CheckArea.ComputeSoftware, Verdict.Pass), Check("s3 mount /data", CheckArea.S3, Verdict.Skipped)];
        var advice = OutcomeDecider.Recommend(Ami, checks);
        Assert.Contains(advice, a => a.StartsWith("Not verified:", StringComparison.Ordinal) && a.Contains("s3 mount /data (cannot run here)"));
    }

    [Fact]
    public void Twin_advice_never_sends_the_user_to_rebuild_an_ami()
    {
        var twin = Ami with { Provider = "local" };
        foreach (var area in new[] { CheckArea.HeadSoftware, CheckArea.ComputeSoftware })
        {
            var advice = string.Join("\n", OutcomeDecider.Recommend(twin, [Check("x", area, Verdict.Fail)]));
            Assert.DoesNotContain("ami build", advice);
            Assert.DoesNotContain("--custom-ami", advice);
            Assert.Contains("petal create seeds/lab.yaml", advice);
        }
    }

    [Fact]
    public void Skipped_checks_are_not_failures()
    {
        CheckResult[] checks = [Check("a", CheckArea.ComputeSoftware, Verdict.Pass), Check("mpi", CheckArea.Mpi, Verdict.Skipped)];
        Assert.Equal(Outcome.A, OutcomeDecider.Decide(checks));
    }

    [Fact]
    public void Ami_layout_with_software_missing_on_compute_nodes_recommends_snapshot_or_shared_with_the_exact_command()
    {
        CheckResult[] checks = [Check("head", CheckArea.HeadSoftware, Verdict.Pass), Check("compute", CheckArea.ComputeSoftware, Verdict.Fail)];
        var advice = OutcomeDecider.Recommend(Ami, checks);
        Assert.Equal(Outcome.B, OutcomeDecider.Decide(checks));
        Assert.StartsWith("Outcome B: software on compute nodes failed", advice[0]);
        Assert.Contains("`petal plan seeds/lab.yaml --layout snapshot`", advice[1]);
        Assert.Contains("`petal plan seeds/lab.yaml --layout shared`", advice[1]);
    }

    [Theory]
    [InlineData(SoftwareLayout.Shared, "/shared/spack/.petal-complete")]
    [InlineData(SoftwareLayout.Hybrid, "/shared/spack/.petal-complete")]
    [InlineData(SoftwareLayout.Snapshot, "exportfs -v")]
    public void Nfs_layouts_with_software_missing_on_compute_nodes_point_at_the_export_and_offer_ami(SoftwareLayout layout, string hint)
    {
        var ctx = new DecisionContext(layout, "lab.yaml", "/shared/spack");
        var advice = OutcomeDecider.Recommend(ctx, [Check("compute", CheckArea.ComputeSoftware, Verdict.Fail)]);
        Assert.Contains(hint, advice[1]);
        Assert.Contains("`petal plan lab.yaml --layout ami`", advice[1]);
    }

    [Fact]
    public void Software_missing_on_the_head_node_too_blames_the_build_not_the_layout()
    {
        CheckResult[] checks = [Check("head", CheckArea.HeadSoftware, Verdict.Fail), Check("compute", CheckArea.ComputeSoftware, Verdict.Fail)];
        var advice = OutcomeDecider.Recommend(Ami, checks);
        Assert.Contains("`petal ami build seeds/lab.yaml`", advice[1]);
        Assert.DoesNotContain(advice, a => a.Contains("--layout"));
    }

    [Fact]
    public void Each_failed_area_adds_its_advice()
    {
        CheckResult[] checks = [Check("s", CheckArea.Slurm, Verdict.Fail), Check("u", CheckArea.Users, Verdict.Fail), Check("m", CheckArea.Mpi, Verdict.Fail)];
        var advice = OutcomeDecider.Recommend(Ami, checks);
        Assert.Equal("Outcome B: Slurm, users, MPI across nodes failed.", advice[0]);
        Assert.Contains(advice, a => a.Contains("slurmctld"));
        Assert.Contains(advice, a => a.Contains("uid/gid"));
        Assert.Contains(advice, a => a.Contains("srun --mpi=list"));
    }
}
