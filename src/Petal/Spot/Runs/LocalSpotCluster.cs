using Petal.Catalog;
using Petal.Providers.Local;
using Petal.Verify.Transport;

namespace Petal.Spot.Runs;

/// <summary>
/// `spot run` on a local twin. A batch's queue becomes one flexible compute resource of the chosen types (cheapest
/// first), as on AWS; each node launches as one of them (the twin's launch-type.sh, round-robin from the cheapest)
/// and is reported as that type. Job files live in the head node's /shared; reclaims kill a node's slurmd
/// (LocalTwin.ReclaimNodeAsync); the zone is "local".
/// Job states and nodes are read with the Slurm clients directly: the head view costs about 0.2 s a call, every poll.
/// </summary>
public sealed class LocalSpotCluster : ISpotCluster
{
    public const string Zone = "local";
    private static readonly TimeSpan PowerDownTimeout = TimeSpan.FromSeconds(120);
    private readonly string _name;
    private readonly ICatalog _catalog;
    private readonly HeadNodeJobs _jobs;
    private LocalTwin _twin;

    public LocalSpotCluster(string name, ICatalog catalog)
    {
        _name = name;
        _catalog = catalog;
        _twin = LocalProvider.Open(name);
        _jobs = new HeadNodeJobs(new LocalTwinShell(_twin), name, "/shared");
    }

    public string Name => _name;
    public string Region => "local";

    public async Task ConfigureQueueAsync(string queue, IReadOnlyList<string> instanceTypes, CancellationToken cancellation)
    {
        var dynamic = _twin.Nodes.Where(n => n.Queue == queue && !n.IsStatic).ToList();
        if (dynamic.Count == 0)
            throw new Common.UserInputException($"cluster {_name} has no dynamic (CLOUD) nodes in queue '{queue}'; set the plan's queue: to a queue with max_count above min_count");
        if (dynamic.All(n => n.InstanceTypes.SequenceEqual(instanceTypes))) return;
        await PowerDownAsync(dynamic.Select(n => n.Name).ToList(), cancellation);
        await _twin.ReconfigureQueueAsync(queue, instanceTypes, _catalog, cancellation);
        _twin = LocalProvider.Open(_name);
    }

    /// <summary>The twin changes node hardware only while nodes are powered down: force it and wait.</summary>
    private async Task PowerDownAsync(IReadOnlyList<string> nodes, CancellationToken cancellation)
    {
        var deadline = DateTimeOffset.Now + PowerDownTimeout;
        while (true)
        {
            var states = await _twin.NodeStatesAsync(cancellation);
            var up = nodes.Where(n => states.TryGetValue(n, out var s) && !s.EndsWith('~')).ToList();
            if (up.Count == 0) return;
            if (DateTimeOffset.Now > deadline)
                throw new InvalidOperationException($"nodes {string.Join(", ", up)} did not power down within {PowerDownTimeout.TotalSeconds} s");
            foreach (var node in up.Where(n => !states[n].Contains('%')))
                await Scontrol(cancellation, "update", $"nodename={node}", "state=power_down_force", "reason=spot-reconfigure");
            await Task.Delay(1000, cancellation);
        }
    }

    public Task<string> SubmitAsync(string queue, string job, string script, CancellationToken cancellation) =>
        _jobs.SubmitAsync(queue, job, script, cancellation);

    public Task<string?> OutputAsync(string job, CancellationToken cancellation) => _jobs.OutputAsync(job, cancellation);

    public async Task<SpotJob?> JobAsync(string jobId, CancellationToken cancellation)
    {
        var r = await ProcessRunner.RunAsync("scontrol", ["show", "job", "-o", jobId], _twin.SlurmEnvironment, cancellation);
        return r.ExitCode == 0 ? SlurmJobParser.Parse(jobId, r.Stdout) : null;
    }

    public Task CancelAsync(string jobId, CancellationToken cancellation) =>
        ProcessRunner.RunAsync("scancel", [jobId], _twin.SlurmEnvironment, cancellation);

    public async Task<IReadOnlyList<SpotNode>> NodesAsync(string queue, CancellationToken cancellation)
    {
        var states = await _twin.NodeStatesAsync(cancellation);
        var launches = _twin.Launches();
        // States first: a node seen up already has its launch record (written before its slurmd starts).
        // A node is the type it launched as; one without a record (static, or booted before petal recorded launches) is its configured type.
        return _twin.Nodes.Where(n => n.Queue == queue)
            .Select(n => new SpotNode(n.Name, launches.GetValueOrDefault(n.Name)?.InstanceType ?? n.InstanceType, Zone,
                states.TryGetValue(n.Name, out var s) && IsUp(s)))
            .ToList();
    }

    /// <summary>Up: not powered down (~), powering down (%) or up (#), and not down, drained or failed.</summary>
    public static bool IsUp(string state) =>
        !state.Contains('~') && !state.Contains('%') && !state.Contains('#')
        && !state.StartsWith("down", StringComparison.Ordinal) && !state.StartsWith("drain", StringComparison.Ordinal)
        && !state.StartsWith("fail", StringComparison.Ordinal) && !state.Contains('*');

    public Task ReclaimAsync(string node, CancellationToken cancellation) => _twin.ReclaimNodeAsync(node, cancellation);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task Scontrol(CancellationToken cancellation, params string[] arguments)
    {
        var r = await ProcessRunner.RunAsync("scontrol", arguments, _twin.SlurmEnvironment, cancellation);
        if (r.ExitCode != 0) throw new InvalidOperationException($"scontrol {string.Join(' ', arguments)}: {r.Stderr.Trim()}");
    }
}
