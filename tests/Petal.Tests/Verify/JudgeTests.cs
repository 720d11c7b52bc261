using Petal.Verify.Phases;

namespace Petal.Tests.Verify;

public sealed class JudgeTests
{
    [Fact]
    public void Ranks_on_two_nodes_pass_and_all_on_one_node_fail_clearly()
    {
        Assert.True(Phase2.RanksJudge(0, "petal-rank 0 of 2 on n1\npetal-rank 1 of 2 on n2\n", 2).Pass);
        var one = Phase2.RanksJudge(0, "petal-rank 0 of 2 on n1\npetal-rank 1 of 2 on n1\n", 2);
        Assert.False(one.Pass);
        Assert.Equal("all 2 ranks ran on n1: MPI did not spread across 2 nodes", one.Reason);
        Assert.Equal("1 of 2 ranks reported", Phase2.RanksJudge(0, "petal-rank 0 of 2 on n1\n", 2).Reason);
        Assert.StartsWith("mpirun failed (exit 1)", Phase2.RanksJudge(1, "", 2).Reason);
    }

    [Fact]
    public void A_job_proves_it_ran_on_a_compute_node_of_its_queue()
    {
        const string ok = "SLURMD_NODENAME=q-st-c5-1 SLURM_JOB_PARTITION=q hostname=ip-10-0-0-5";
        Assert.True(Phase1.OnComputeNode(ok, "q", ["q-st-c5-1"], "ip-10-0-0-1").Pass);
        Assert.False(Phase1.OnComputeNode("SLURMD_NODENAME= SLURM_JOB_PARTITION= hostname=x", "q", [], "head").Pass);
        Assert.False(Phase1.OnComputeNode("SLURMD_NODENAME=head SLURM_JOB_PARTITION=q hostname=head", "q", ["head"], "head").Pass);
        Assert.False(Phase1.OnComputeNode(ok, "other", ["q-st-c5-1"], "ip-10-0-0-1").Pass);
    }

    [Theory]
    [InlineData("gcc@11.3.0", "gcc (GCC) 11.3.0\nCopyright", true)]
    [InlineData("gcc@11.3.0", "gcc (Debian 12.2.0-14) 12.2.0", false)]
    [InlineData("python@3.11", "Python 3.11.2", true)]
    [InlineData("openmpi@4.1:", "mpirun (Open MPI) 4.1.4", true)]
    [InlineData("openmpi@5:", "mpirun (Open MPI) 4.1.4", false)]
    [InlineData("hwloc", "whatever 2.9.0", true)]
    public void Reported_versions_are_checked_against_the_spec(string spec, string output, bool ok)
    {
        Assert.Equal(ok, SeedPackage.From(spec).CheckReported(output).Ok);
    }

    [Fact]
    public void Module_avail_matching_follows_the_spec_versions()
    {
        const string avail = "/opt/spack/share/spack/lmod/Core:\ngcc/12.2.0\nopenmpi/4.1.4\npython/3.11.2(default)\n";
        Assert.Equal("gcc/12.2.0", SeedPackage.From("gcc@12.2.0").FindModule(avail));
        Assert.Null(SeedPackage.From("gcc@11.3.0").FindModule(avail));
        Assert.Equal("python/3.11.2", SeedPackage.From("python@3.11").FindModule(avail));
        Assert.Null(SeedPackage.From("hwloc").FindModule(avail));
        Assert.Equal(PackageKind.Compiler, SeedPackage.From("gcc@12.2.0").Kind);
        Assert.Equal(PackageKind.Mpi, SeedPackage.From("openmpi@4.1.4 +pmi").Kind);
    }

    [Fact]
    public void Avail_judge_names_every_missing_package()
    {
        var packages = new[] { "gcc@12.2.0", "cmake@3.25", "hwloc" }.Select(SeedPackage.From).ToList();
        var j = CheckCommands.AvailJudge(packages, 0, "gcc/12.2.0\n");
        Assert.False(j.Pass);
        Assert.Equal("module avail lists no module for cmake@3.25, hwloc", j.Reason);
    }
}
