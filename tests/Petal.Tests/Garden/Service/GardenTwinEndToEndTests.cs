using System.Text.Json;
using Grpc.Core;
using Petal.Catalog;
using Petal.Garden.Descriptions;
using Petal.Garden.Service.Agent;
using Petal.Garden.Service.Api;
using Petal.Garden.Service.Rainbow;
using Petal.Providers.Local;
using Petal.Seeds;
using Petal.Tests.Local;
using Petal.Tests.Support;

namespace Petal.Tests.Garden.Service;

/// <summary>
/// The garden end to end with real daemons: a service on 127.0.0.1, two local twins (real Slurm) described from
/// their seeds and registered, jobs placed on the twin that can run them and run there by the agent (sbatch), a
/// service restart on the same database in the middle, and every job completed.
/// </summary>
[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class GardenTwinEndToEndTests
{
    /// <summary>
    /// A one-queue seed file (so `petal garden describe NAME` can read it back from the twin's state). Short cluster
    /// and queue names keep slurmd's socket paths under the unix limit (the local provider checks).
    /// </summary>
    private static Seed SeedFile(TempDirectory dir, string name, string instanceType, string packages)
    {
        var file = dir.Write($"{name}.yaml", $"cluster: {{name: {name}, region: us-east-1}}\n"
            + $"compute:\n  head_node: c5.large\n  queues:\n    - {{name: q, instance_types: [{instanceType}], min_count: 1, max_count: 1}}\n"
            + $"software: {{layout: ami, spack_packages: [{packages}]}}\n");
        var loaded = SeedLoader.Load(file, EmbeddedCatalog.Default);
        Assert.True(loaded.Ok, string.Join("\n", loaded.Diagnostics));
        return loaded.Seed!;
    }

    [Fact]
    public async Task Jobs_land_on_the_compatible_twin_run_there_through_the_agent_and_survive_a_restart()
    {
        var catalog = EmbeddedCatalog.Default;
        var provider = new LocalProvider(catalog);
        using var work = new TempDirectory();
        // Twin "wide" has 4-CPU nodes and hwloc; twin "narrow" has 2-CPU nodes and cmake (the names TwinHandle gives them).
        var (wideName, narrowName) = (TestNames.Unique("gwide"), TestNames.Unique("gnarrow"));
        var wideSeed = SeedFile(work, wideName, "c5.xlarge", "python@3.11, hwloc");
        var narrowSeed = SeedFile(work, narrowName, "c5.large", "python@3.11, cmake");
        await using var garden = await GardenServiceHarness.StartAsync();
        await using var wide = await TwinHandle.CreateAsync("gwide", wideSeed, provider: provider);
        await using var narrow = await TwinHandle.CreateAsync("gnarrow", narrowSeed, provider: provider);

        // petal garden describe NAME reads the twin's seed back.
        var described = await PetalProcess.RunAsync("garden", "describe", wideName, "--output", "json");
        Assert.True(described.ExitCode == 0, described.Stderr);
        using (var json = JsonDocument.Parse(described.Stdout))
        {
            Assert.Equal(wideName, json.RootElement.GetProperty("name").GetString());
            Assert.Equal("local", json.RootElement.GetProperty("labels").GetProperty("provider").GetString());
            Assert.Contains(json.RootElement.GetProperty("software").EnumerateArray(), s => s.GetProperty("name").GetString() == "hwloc");
        }

        var credentials = new Dictionary<string, RegisterResponse>();
        foreach (var (name, seed) in new[] { (wideName, wideSeed), (narrowName, narrowSeed) })
        {
            var graphs = JgfWriter.Write(ClusterDescriber.FromSeed(seed, catalog));
            var registered = await garden.Client.Rainbow.RegisterAsync(new RegisterRequest
                { Name = name, Secret = GardenServiceHarness.RegistrationSecret, Nodes = graphs.Nodes });
            Assert.Equal(RegisterResponse.Types.ResultType.RegisterSuccess, registered.Status);
            foreach (var (subsystem, graph) in graphs.Subsystems)
                await garden.Client.Rainbow.RegisterSubsystemAsync(new RegisterRequest { Name = name, Secret = registered.Secret, Subsystem = subsystem, Nodes = graph });
            credentials[name] = registered;
        }
        var tokens = credentials.Select(c => (c.Key, c.Value.Token)).ToList();

        // 2 tasks × 2 cores need the 4-CPU nodes (and run as 2 tasks of 2 CPUs, not 4 of 1); cmake is only on the narrow twin; a GPU is nowhere.
        var wideJob = await garden.SubmitAsync("name: two-by-two\nnodes: 1\ntasks: 2\ncores_per_task: 2\n"
            + "command: [bash, -c, 'echo two-by-two on $SLURM_CLUSTER_NAME ntasks=$SLURM_NTASKS cpus_per_task=$SLURM_CPUS_PER_TASK']\n", tokens);
        Assert.Equal(wideName, wideJob.Cluster);
        var gpu = await Assert.ThrowsAsync<RpcException>(() => garden.SubmitAsync("nodes: 1\ngpus: 1\ncommand: [nvidia-smi]\n", tokens));
        Assert.Equal(StatusCode.FailedPrecondition, gpu.StatusCode);
        Assert.Contains("no GPU", gpu.Status.Detail);

        var firstPass = await Agent(garden, credentials, wideName, wide.Twin, work).RunOnceAsync(CancellationToken.None);
        Assert.Equal([(long)wideJob.Jobid], firstPass.Started);
        var narrowJob = await garden.SubmitAsync("name: needs-cmake\nnodes: 1\nrequires: {software: [cmake]}\ncommand: [bash, -c, 'echo needs-cmake on $SLURM_CLUSTER_NAME']\n", tokens);
        Assert.Equal(narrowName, narrowJob.Cluster);

        // A new service on the same database: one job accepted and in Slurm, one assigned and not yet received.
        await garden.RestartAsync();

        var jobs = new[] { (wideJob.Jobid, wideName, wide.Twin), (narrowJob.Jobid, narrowName, narrow.Twin) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        var states = new Dictionary<int, Job>();
        while (DateTime.UtcNow < deadline)
        {
            foreach (var (id, cluster, twin) in jobs)
            {
                if (cluster == narrowName) await CliAgentPassAsync(garden, credentials[cluster].Secret, cluster, work);
                else await Agent(garden, credentials, cluster, twin, work).RunOnceAsync(CancellationToken.None);
                states[id] = await garden.Client.Jobs.GetJobAsync(new JobRequest { Jobid = id, Cluster = cluster, Token = credentials[cluster].Token });
            }
            if (states.Values.All(j => j.State is JobState.Completed or JobState.Failed)) break;
            await Task.Delay(500);
        }
        foreach (var (id, cluster, _) in jobs)
        {
            var job = states[id];
            Assert.True(job.State == JobState.Completed, $"job {id}: {job.State} ({job.Detail})");
            Assert.Equal(cluster, job.Cluster);
            Assert.NotEmpty(job.NativeId);
        }
        Assert.Equal($"two-by-two on {wideName} ntasks=2 cpus_per_task=2", File.ReadAllText(Path.Combine(work.Path, wideName, $"garden-{wideJob.Jobid}.out")).Trim());
        Assert.Equal($"needs-cmake on {narrowName}", File.ReadAllText(Path.Combine(work.Path, narrowName, $"garden-{narrowJob.Jobid}.out")).Trim());
    }

    /// <summary>`petal garden agent --cluster NAME --once`: finds the twin's Slurm by its name (no --slurm-conf).</summary>
    private static async Task CliAgentPassAsync(GardenServiceHarness garden, string secret, string cluster, TempDirectory work)
    {
        var secretFile = work.Write($"{cluster}.secret", secret);
        var r = await PetalProcess.RunAsync("garden", "agent", "--cluster", cluster, "--once", "--host", garden.Server.Address,
            "--secret-file", secretFile, "--workdir", Directory.CreateDirectory(work.File(cluster)).FullName, "--config", work.File("none.json"));
        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
    }

    private static GardenAgent Agent(GardenServiceHarness garden, Dictionary<string, RegisterResponse> credentials, string cluster,
        LocalTwin twin, TempDirectory work)
    {
        var directory = Directory.CreateDirectory(work.File(cluster)).FullName;
        return new GardenAgent(garden.Client, cluster, credentials[cluster].Secret, new SlurmJobRunner(LocalCluster.ForTwin(twin), directory));
    }
}
