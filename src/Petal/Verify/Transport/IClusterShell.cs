using Petal.Common;

namespace Petal.Verify.Transport;

/// <summary>A batch job to submit from the head node; its script and output file go to <see cref="WorkDir"/> (seen by compute nodes).</summary>
public sealed record BatchJob(string Name, string Queue, string Script, int Nodes = 1, int TasksPerNode = 1)
{
    public string WorkDir { get; init; } = "/tmp";
}

/// <summary>
/// A finished (or abandoned) job: its id, the nodes Slurm gave it, its final state ("COMPLETED", "FAILED",
/// "TIMEOUT" when petal stopped waiting...), the script's exit code and the content of its output file.
/// </summary>
public sealed record JobResult(string JobId, IReadOnlyList<string> Nodes, string State, int? ExitCode, string Output, TimeSpan Elapsed)
{
    public bool Completed => State == "COMPLETED";
}

/// <summary>
/// How petal test reaches a cluster: bash on the head node (in a login shell: Slurm clients and modules
/// configured as a user would have them) and batch jobs submitted there.
/// </summary>
public interface IClusterShell : IAsyncDisposable
{
    /// <summary>Where the transport lands ("local twin NAME", "ec2-user@HOST:22").</summary>
    string Description { get; }

    Task<CommandResult> RunAsync(string bash, TimeSpan timeout, CancellationToken cancellation);

    /// <summary>Submits the job with sbatch on the head node and waits until it ends or <paramref name="timeout"/> passes (then cancels it).</summary>
    Task<JobResult> SubmitAsync(BatchJob job, TimeSpan timeout, IProgress<string>? progress, CancellationToken cancellation);
}
