using Petal.Common;
using Petal.Providers.Local;

namespace Petal.Verify.Transport;

/// <summary>A local twin's head node: commands in its head view (login shell), jobs to its Slurm.</summary>
public sealed class LocalTwinShell(LocalTwin twin) : IClusterShell
{
    private SlurmBatch? _batch;

    public string Description => $"local twin {twin.Name}";

    public Task<CommandResult> RunAsync(string bash, TimeSpan timeout, CancellationToken cancellation) =>
        RunLocalAsync(ct => twin.RunOnHeadAsync(bash, ct), timeout, cancellation);

    /// <summary>A local process as a shell command: its result, or exit 124 when <paramref name="timeout"/> passes.</summary>
    public static async Task<CommandResult> RunLocalAsync(Func<CancellationToken, Task<CommandResult>> run, TimeSpan timeout, CancellationToken cancellation)
    {
        using var timed = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timed.CancelAfter(timeout);
        try
        {
            return await run(timed.Token);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return CommandResult.TimedOut(timeout);
        }
    }

    public Task<JobResult> SubmitAsync(BatchJob job, TimeSpan timeout, IProgress<string>? progress, CancellationToken cancellation) =>
        (_batch ??= new SlurmBatch(this)).SubmitAsync(job, timeout, progress, cancellation);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
