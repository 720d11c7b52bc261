using Petal.Slurm;
using System.Diagnostics;
using Petal.Catalog;
using Petal.Common;
using Petal.Spot.Plans;
using Petal.Spot.Selection;

namespace Petal.Spot.Runs;

/// <summary>
/// Runs a plan on a cluster: per experiment and batch, select the types (seeded), configure the spot queue,
/// run the iterations (render, sbatch --requeue, watch, collect output), and write result.json. State is
/// saved after every iteration, so an interrupted run resumes where it stopped.
/// </summary>
public sealed class SpotRunner(ISpotCluster cluster, ICatalog catalog, SpotRunOptions options, IProgress<string>? progress = null)
{
    private Random _reclaims = new(0);

    public async Task<IReadOnlyList<BatchResult>> RunAsync(SpotPlan plan, string planText, CancellationToken cancellation)
    {
        var state = RunState.LoadOrCreate(options.OutDirectory, RunState.Hash(planText), cluster.Name);
        try
        {
            return await RunBatchesAsync(plan, state, cancellation);
        }
        catch (PetalException e) when (e.Kind == ErrorKind.InvalidInput)
        {
            // Found once the run had changed things (queues, jobs, result files): not "invalid input, nothing changed".
            throw PetalException.Failed(e.Message, [$"the run's state and results in {options.OutDirectory}; queue {plan.Queue} of {cluster.Name} as the last batch set it"],
                $"fix the cause and run the same command again to resume, or rm -r {ShellQuote.Single(options.OutDirectory)}", e);
        }
    }

    private async Task<IReadOnlyList<BatchResult>> RunBatchesAsync(SpotPlan plan, RunState state, CancellationToken cancellation)
    {
        _reclaims = new Random(plan.Seed);
        var results = new List<BatchResult>();
        foreach (var experiment in plan.Experiments)
            for (var batch = 1; batch <= plan.Batches; batch++)
            {
                var resultPath = Path.Combine(BatchDirectory(experiment.Name, batch), ResultFiles.FileName);
                if (state.CompletedBatches.Contains(RunState.Key(experiment.Name, batch)) && File.Exists(resultPath))
                {
                    results.Add(ResultFiles.Read(resultPath));
                    continue;
                }
                var result = await RunBatchAsync(plan, experiment, batch, state, cancellation);
                ResultFiles.Write(resultPath, result);
                state.CompletedBatches.Add(RunState.Key(experiment.Name, batch));
                state.Current = null;
                state.Save(options.OutDirectory);
                results.Add(result);
            }
        return results;
    }

    private string BatchDirectory(string experiment, int batch) => Path.Combine(options.OutDirectory, experiment, $"batch-{batch}");

    private async Task<BatchResult> RunBatchAsync(SpotPlan plan, SpotExperiment experiment, int batch, RunState state, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var selection = SpotSelector.Select(catalog, plan.Query(experiment, batch), options.LivePrices);
        if (selection.Chosen.Count == 0)
            throw new UserInputException($"experiment '{experiment.Name}': no spot-priced instance type in {plan.Region} matches its shape");
        var types = selection.Chosen.Select(c => c.InstanceType).ToList();
        var selectSeconds = clock.Elapsed.TotalSeconds;

        var current = state.Current is { } saved && saved.Experiment == experiment.Name && saved.Batch == batch ? saved : null;
        if (current?.PendingJob is { } leftover) await cluster.CancelAsync(leftover, cancellation);
        if (current is null)
        {
            progress?.Report($"{experiment.Name} batch {batch}: configuring queue {plan.Queue} with {string.Join(", ", types)}");
            clock.Restart();
            await cluster.ConfigureQueueAsync(plan.Queue, types, cancellation);
            current = new BatchProgress { Experiment = experiment.Name, Batch = batch, StartedAt = DateTimeOffset.Now, ConfigureSeconds = clock.Elapsed.TotalSeconds };
        }
        current.PendingJob = null;
        state.Current = current;
        state.Save(options.OutDirectory);

        var monitor = new IterationMonitor(current, cluster.Region);
        clock.Restart();
        for (var i = current.Iterations.Count + 1; i <= plan.Iterations; i++)
        {
            current.Iterations.Add(await RunIterationAsync(plan, experiment, batch, i, current, monitor, state, cancellation));
            current.PendingJob = null;
            state.Save(options.OutDirectory);
        }
        var finished = DateTimeOffset.Now;
        var hours = NodeHoursFor(current.Topology, selection, plan.Region, finished);
        return new BatchResult
        {
            Name = experiment.Name, Batch = batch, ClusterName = cluster.Name, Region = plan.Region, Queue = plan.Queue,
            Nodes = experiment.Nodes, Seed = plan.Query(experiment, batch).Seed, Choose = plan.Choose, PriceSource = selection.PriceSource,
            Vars = experiment.Vars, MachineTypes = types, SelectedForRequest = selection.Chosen, Candidates = selection.Candidates,
            Topology = current.Topology, Iterations = current.Iterations, Reclaims = current.Reclaims,
            Times = new Dictionary<string, double>
            {
                ["select"] = Math.Round(selectSeconds, 3),
                ["configure_queue"] = Math.Round(current.ConfigureSeconds, 3),
                ["iterations"] = Math.Round(clock.Elapsed.TotalSeconds, 3),
            },
            NodeHours = hours, Cost = Math.Round(hours.Sum(h => h.Cost), 6),
            StartedAt = current.StartedAt, FinishedAt = finished,
        };
    }

    private async Task<IterationRecord> RunIterationAsync(SpotPlan plan, SpotExperiment experiment, int batch, int number,
        BatchProgress current, IterationMonitor monitor, RunState state, CancellationToken cancellation)
    {
        var tag = $"{experiment.Name}-{batch}-{number}";
        var script = plan.Template.Render(new Dictionary<string, string>(experiment.Vars)
        {
            ["NODES"] = experiment.Nodes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["TAG"] = tag,
        });
        // The same relative path on the cluster (under its work directory) as in --out.
        var jobPath = $"petal-spot/{state.PlanHash}/{experiment.Name}/batch-{batch}/iter-{number}";
        var keptOutput = Path.Combine(BatchDirectory(experiment.Name, batch), $"iter-{number}.out");
        Directory.CreateDirectory(Path.GetDirectoryName(keptOutput)!);
        await File.WriteAllTextAsync(Path.ChangeExtension(keptOutput, ".sh"), script, cancellation);

        var jobId = await cluster.SubmitAsync(plan.Queue, jobPath, script, cancellation);
        current.PendingJob = jobId;
        state.Save(options.OutDirectory);
        progress?.Report($"{experiment.Name} batch {batch} iteration {number}: job {jobId}");

        var deadline = DateTimeOffset.Now + options.IterationTimeout;
        var injected = false;
        SlurmJob? job;
        while (true)
        {
            job = await cluster.JobAsync(jobId, cancellation);
            monitor.Observe(await cluster.NodesAsync(plan.Queue, cancellation), job, number, DateTimeOffset.Now);
            if (job is null || job.Finished) break;
            if (!injected && job.State == JobState.Running && job.Nodes.Count > 0 && options.ReclaimRate > 0)
            {
                injected = true;
                if (_reclaims.NextDouble() < options.ReclaimRate)
                {
                    progress?.Report($"reclaiming {job.Nodes[0]} (--reclaim-rate)");
                    await cluster.ReclaimAsync(job.Nodes[0], cancellation);
                }
            }
            if (DateTimeOffset.Now > deadline)
            {
                await cluster.CancelAsync(jobId, cancellation);
                break;
            }
            await Task.Delay(options.PollInterval, cancellation);
        }

        if (await cluster.OutputAsync(jobPath, cancellation) is { } output) await File.WriteAllTextAsync(keptOutput, output, cancellation);
        else File.Delete(keptOutput);
        var hit = current.Reclaims.Any(r => r.Iteration == number);
        var stateOf = job?.State == JobState.Completed ? IterationState.Completed : hit || job is null || !job.Finished ? IterationState.Killed : IterationState.Failed;
        return new IterationRecord
        {
            Number = number, Tag = tag, JobId = jobId, State = stateOf, Requeues = job?.Restarts ?? 0,
            StartedAt = job?.StartedAt, EndedAt = job?.EndedAt,
            WallSeconds = job is { StartedAt: { } s, EndedAt: { } e } && stateOf == IterationState.Completed ? (e - s).TotalSeconds : null,
            NodeNames = job?.Nodes ?? [], OutputFile = File.Exists(keptOutput) ? Path.GetRelativePath(options.OutDirectory, keptOutput) : null,
        };
    }

    /// <summary>Node-hours per (type, zone) of the nodes really seen, priced at that type's spot price in the region.</summary>
    private IReadOnlyList<NodeHours> NodeHoursFor(IEnumerable<NodeRecord> topology, SpotSelection selection, string region, DateTimeOffset end)
    {
        decimal Price(string type) =>
            selection.Candidates.FirstOrDefault(c => c.InstanceType == type)?.SpotPrice
            ?? options.LivePrices?.GetValueOrDefault(type)?.Mean
            ?? catalog.Price(region, type)?.SpotAverage ?? 0m;
        return IterationMonitor.Lifetimes(topology, end)
            .GroupBy(x => (x.Node.InstanceType, x.Node.Zone))
            .Select(g =>
            {
                var h = g.Sum(x => x.Hours);
                var p = Price(g.Key.InstanceType);
                return new NodeHours(g.Key.InstanceType, g.Key.Zone, Math.Round(h, 6), p, Math.Round((decimal)h * p, 6));
            })
            .OrderBy(n => n.InstanceType, StringComparer.Ordinal).ThenBy(n => n.Zone, StringComparer.Ordinal)
            .ToList();
    }
}
