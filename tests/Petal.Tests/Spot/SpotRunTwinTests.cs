using Petal.Slurm;
using Petal.Verify.Transport;
using Petal.Providers;
using Petal.Catalog;
using Petal.Spot.Plans;
using Petal.Spot.Runs;
using Petal.Tests.Local;
using Petal.Tests.Support;
using Petal.Seeds;

namespace Petal.Tests.Spot;

/// <summary>End to end on a real local twin (slurmctld, slurmd, munge): a tiny LAMMPS plan, one node reclaimed.</summary>
[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public class SpotRunTwinTests
{
    [Fact]
    public Task Runs_a_tiny_lammps_plan_and_records_the_real_type_cost_and_resumable_state() => RunAsync(reclaim: false);

    // Slurm holds a requeued batch job for AuthInfo cred_expire + 1 s (the twin sets 10 s; 120 s on ParallelCluster).
    [Fact]
    public Task Runs_a_tiny_lammps_plan_and_survives_a_reclaim() => RunAsync(reclaim: true);

    private static async Task RunAsync(bool reclaim)
    {
        var seed = TwinSeeds.Make(SoftwareLayout.Ami, [TwinSeeds.Queue("spot", "c5.large", 0, 1)], packages: []);
        await using var handle = await TwinHandle.CreateAsync(reclaim ? "spotrc" : "spotend", seed);
        using var dir = new TempDirectory();
        // The built-in LAMMPS job, held a few seconds so the reclaim lands while it runs.
        var template = LammpsTemplate.Text.Replace("set -euo pipefail", "set -euo pipefail\nsleep [[HOLD]]");
        dir.Write("job.sh", template);
        var planPath = dir.Write("plan.yaml", """
            batches: 1
            iterations: 2
            seed: 3
            queue: spot
            template_file: job.sh
            experiments:
              - {name: tiny, vcpus: 2, nodes: 1, max_instance_types: 2, filter_instance_types: 4, vars: {CPU: 2, NP: 2, X: 1, Y: 1, Z: 1, HOLD: 4}}
            """);
        var load = SpotPlanLoader.Load(planPath);
        Assert.True(load.Ok, string.Join("\n", load.Diagnostics));
        var outDir = dir.File("results");
        await using var cluster = await SpotCluster.OpenAsync(new ClusterRegistry(EmbeddedCatalog.Default).Open(handle.Name), new ShellRequest(), load.Plan!.Region, reclaim, null, CancellationToken.None);
        var runner = new SpotRunner(cluster, EmbeddedCatalog.Default, new SpotRunOptions { OutDirectory = outDir, PollInterval = TimeSpan.FromMilliseconds(500), IterationTimeout = TimeSpan.FromMinutes(reclaim ? 5 : 3) });

        // Like `petal spot reclaim`: kill the node running the first iteration once, when it is up by the same
        // definition the run's monitor uses (a node still booting or not yet responding is not running the job).
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(reclaim ? 6 : 2));
        var reclaimer = Task.Run(async () =>
        {
            while (reclaim && !stop.IsCancellationRequested)
            {
                var states = await handle.Twin.NodeStatesAsync();
                var busy = states.FirstOrDefault(s => s.Key.StartsWith("spot-", StringComparison.Ordinal) && s.Value.Base == NodeBase.Allocated && s.Value.Up);
                if (busy.Key is not null)
                {
                    await Task.Delay(1500);
                    await LocalProviderReclaim(handle, busy.Key);
                    return busy.Key;
                }
                await Task.Delay(300);
            }
            return null;
        });

        var results = await runner.RunAsync(load.Plan!, File.ReadAllText(planPath), stop.Token);
        var reclaimed = await reclaimer;

        var r = Assert.Single(results);
        Assert.Equal([1, 2], r.Iterations.Select(i => i.Number));
        Assert.All(r.Iterations, i => Assert.Equal(IterationState.Completed, i.State));
        Assert.All(r.Iterations, i => Assert.True(i.WallSeconds >= 4, "the job holds 4 s"));
        if (reclaim)
        {
            Assert.NotNull(reclaimed);
            Assert.True(r.Iterations[0].Requeues >= 1, "the reclaimed iteration was requeued by Slurm");
            Assert.True(r.Reclaims.Count == 1, "reclaims: " + System.Text.Json.JsonSerializer.Serialize(new { r.Reclaims, r.Topology, Iterations = r.Iterations.Select(i => new { i.Number, i.State, i.Requeues, i.NodeNames }) }));
            var hit = r.Reclaims[0];
            Assert.Equal(reclaimed, hit.Node);
            Assert.Equal(1, hit.Iteration);
            Assert.NotNull(hit.ReplacementNode);
            Assert.True(r.Topology.Count >= 2, "the reclaimed instance and its replacement");
            // The replacement is the queue's second launch: the next type round-robin.
            Assert.Equal(r.MachineTypes[1], hit.ReplacementType);
        }
        else Assert.Empty(r.Reclaims);
        // The queue launched the chosen types (cheapest first), and cost is node-hours at the type each node really was.
        Assert.Equal(2, r.MachineTypes.Count);
        Assert.NotEmpty(r.Topology);
        Assert.Equal(r.MachineTypes[0], r.Topology[0].InstanceType);
        Assert.All(r.Topology, n => Assert.Contains(n.InstanceType, r.MachineTypes));
        Assert.Equal(r.Topology.Select(n => n.InstanceType).Distinct().Order(StringComparer.Ordinal), r.NodeHours.Select(h => h.InstanceType));
        Assert.All(r.Topology, n => Assert.Equal("local", n.Zone));
        Assert.True(r.Cost > 0);
        Assert.Equal(r.NodeHours.Sum(h => h.Cost), r.Cost);
        var output = File.ReadAllText(Path.Combine(outDir, r.Iterations[1].OutputFile!));
        Assert.Contains("Loop time", output);
        Assert.True(File.Exists(Path.Combine(outDir, "tiny", "batch-1", "result.json")));
        var state = File.ReadAllText(Path.Combine(outDir, RunState.FileName));
        Assert.Contains("tiny/1", state);

        // Re-running the same plan with the same --out resumes: nothing is submitted again.
        var again = await new SpotRunner(cluster, EmbeddedCatalog.Default, new SpotRunOptions { OutDirectory = outDir }).RunAsync(load.Plan!, File.ReadAllText(planPath), CancellationToken.None);
        Assert.Equal(r.Iterations.Select(i => i.JobId), Assert.Single(again).Iterations.Select(i => i.JobId));
    }

    private static Task LocalProviderReclaim(TwinHandle handle, string node) => handle.Twin.ReclaimNodeAsync(node);
}
