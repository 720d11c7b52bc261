using Petal.Common;

namespace Petal.Slurm;

/// <summary>A node as `scontrol show nodes -o` reports it: name, address (the instance's private IP on ParallelCluster), typed state, partitions.</summary>
public sealed record SlurmNodeInfo(string Name, string Address, NodeState State, IReadOnlyList<string> Partitions)
{
    public bool Up => State.Up;

    /// <summary>Every node of `scontrol show nodes -o` (one line each).</summary>
    public static IReadOnlyList<SlurmNodeInfo> ParseAll(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(SlurmText.Fields)
            .Where(f => f.ContainsKey("NodeName"))
            .Select(f => new SlurmNodeInfo(f["NodeName"], f.GetValueOrDefault("NodeAddr", f["NodeName"]), NodeState.FromScontrol(f.GetValueOrDefault("State", "UNKNOWN")),
                f.GetValueOrDefault("Partitions", "").Split(',', StringSplitOptions.RemoveEmptyEntries)))
            .ToList();
}

/// <summary>
/// The one way petal drives Slurm: its client commands (scontrol, sbatch, scancel, sinfo) through a
/// <see cref="ICommandRunner"/>, a local process with a twin's environment or bash on a head node over SSH.
/// Failures are <see cref="SlurmException"/> with Slurm's own message.
/// </summary>
public sealed class SlurmClient(ICommandRunner runner)
{
    public string Description => runner.Description;

    public async Task<IReadOnlyList<SlurmNodeInfo>> NodesAsync(CancellationToken cancellation) =>
        SlurmNodeInfo.ParseAll(await RunAsync(["scontrol", "show", "nodes", "-o"], null, cancellation));

    /// <summary>Node name → typed state.</summary>
    public async Task<IReadOnlyDictionary<string, NodeState>> NodeStatesAsync(CancellationToken cancellation) =>
        (await NodesAsync(cancellation)).ToDictionary(n => n.Name, n => n.State, StringComparer.Ordinal);

    /// <summary>The partitions (queues), as sinfo lists them.</summary>
    public async Task<IReadOnlyList<string>> PartitionsAsync(CancellationToken cancellation) =>
        (await RunAsync(["sinfo", "--noheader", "--format=%R"], null, cancellation))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Submits <paramref name="script"/> (sent on stdin) as <paramref name="request"/> asks; returns the job id.</summary>
    public async Task<string> SubmitAsync(SlurmJobRequest request, string script, CancellationToken cancellation) =>
        JobId(await RunAsync(["sbatch", .. request.SbatchOptions()], script, cancellation));

    /// <summary>Submits the script at <paramref name="scriptPath"/> where the commands run (kept there beside its output); returns the job id.</summary>
    public async Task<string> SubmitFileAsync(SlurmJobRequest request, string scriptPath, CancellationToken cancellation) =>
        JobId(await RunAsync(["sbatch", .. request.SbatchOptions(), scriptPath], null, cancellation));

    private string JobId(string sbatchOutput)
    {
        var id = sbatchOutput.Trim().Split(';')[0];
        return long.TryParse(id, out _) ? id : throw new SlurmException($"sbatch on {runner.Description} answered '{sbatchOutput.Trim()}', not a job id");
    }

    /// <summary>The job now, or null when Slurm no longer knows it.</summary>
    public async Task<SlurmJob?> JobAsync(string id, CancellationToken cancellation)
    {
        var r = await runner.RunAsync(["scontrol", "show", "job", "-o", id], null, cancellation);
        return r.ExitCode == 0 ? SlurmJob.Parse(id, r.Stdout) : null;
    }

    public Task CancelAsync(string id, CancellationToken cancellation) => RunAsync(["scancel", id], null, cancellation);

    /// <summary>Polls the job until it is finished (or gone: null) or <paramref name="timeout"/> passes (then it is cancelled and returned as it was).</summary>
    public async Task<SlurmJob?> WaitAsync(string id, TimeSpan timeout, TimeSpan poll, CancellationToken cancellation)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var job = await JobAsync(id, cancellation);
            if (job is null || job.Finished) return job;
            if (DateTimeOffset.UtcNow > deadline)
            {
                await CancelAsync(id, cancellation);
                return job;
            }
            await Task.Delay(poll, cancellation);
        }
    }

    /// <summary>scontrol update of a node's state ("down", "power_down_force", "resume") with a reason.</summary>
    public Task SetNodeStateAsync(string node, string state, string reason, CancellationToken cancellation) =>
        RunAsync(["scontrol", "update", $"nodename={node}", $"state={state}", $"reason={reason}"], null, cancellation);

    /// <summary>slurmctld re-reads slurm.conf.</summary>
    public Task ReconfigureAsync(CancellationToken cancellation) => RunAsync(["scontrol", "reconfigure"], null, cancellation);

    private async Task<string> RunAsync(IReadOnlyList<string> command, string? input, CancellationToken cancellation)
    {
        var r = await runner.RunAsync(command, input, cancellation);
        return r.ExitCode == 0 ? r.Stdout
            : throw new SlurmException($"{string.Join(' ', command.Take(3))} failed on {runner.Description}: {r.Combined.Trim()}", r);
    }
}

/// <summary>A Slurm client command failed; the message is Slurm's, <see cref="Result"/> the command's own answer when it ran.</summary>
public sealed class SlurmException(string message, CommandResult? result = null) : Exception(message)
{
    public CommandResult? Result => result;
}
