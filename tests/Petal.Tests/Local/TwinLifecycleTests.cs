using Petal.Slurm;
using Petal.Providers.Local;
using Petal.Seeds;
using Petal.Tests.Support;

namespace Petal.Tests.Local;

/// <summary>One ami-layout twin (static + dynamic nodes, a seed user) shared by several assertions: real Slurm, munge, Lmod.</summary>
[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class TwinLifecycleTests(Xunit.Abstractions.ITestOutputHelper log)
{
    [Fact]
    public async Task Ami_twin_runs_jobs_on_static_and_dynamic_nodes_with_modules_and_users()
    {
        var seed = TwinSeeds.Make(SoftwareLayout.Ami, [TwinSeeds.Queue("compute", "c5.large", 1, 2)],
            users: [new SeedUser("petalalice", 7301, 7301)]);
        string root, name;
        var sw = System.Diagnostics.Stopwatch.StartNew();
        await using (var h = await TwinHandle.CreateAsync("life", seed, new LocalCreateOptions { SuspendTimeSeconds = 5 }))
        {
            root = h.Twin.Root;
            name = h.Name;
            log.WriteLine($"created {sw.Elapsed}");
            Assert.Contains(h.Created.Software, s => s.Module == "gcc/12.2.0");
            Assert.Contains(h.Created.Unsatisfied, u => u.Spec == "nonexistent-pkg@1.0");

            var dyn = "compute-dy-c5-large-1";
            var job = await TwinJobs.RunAsync(h.Twin,
                "echo node=$SLURMD_NODENAME; module load gcc; gcc --version | head -1; id petalalice; ls /opt/spack",
                "-p compute -C dynamic", watchNode: dyn);
            log.WriteLine($"job {sw.Elapsed} {string.Join(",", job.SeenStates)}");
            Assert.True(job.ExitCode == 0, job.SubmitStderr + job.Output);
            Assert.Contains($"node={dyn}", job.Output);
            Assert.Contains("gcc (Debian 12.2.0", job.Output);
            Assert.Contains("uid=7301(petalalice) gid=7301", job.Output);
            Assert.True(job.SeenStates[0] is { Base: NodeBase.Idle, PoweredDown: true }, job.SeenStates[0].ToString());
            Assert.Contains(job.SeenStates, s => s.Base is NodeBase.Mixed or NodeBase.Allocated);
            // The job started when the node registered (PrologSlurmctld ended), not in slurmctld's 30 s periodic pass.
            var ctld = await File.ReadAllTextAsync(Path.Combine(root, "log", "slurmctld.log"));
            Assert.Contains("prolog_running_decr: Configuration for JobId=", ctld);
            Assert.DoesNotContain("job_time_limit: Configuration for JobId=", ctld);
        }
        log.WriteLine($"deleted {sw.Elapsed}");
        Assert.Empty(ProcessTable.ProcessesOf(root));
        Assert.False(Directory.Exists(root));
        Assert.False(File.Exists(TwinLayout.LockFile(name)), "delete leaves no lock file behind");
    }
}
