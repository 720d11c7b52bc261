using Petal.Providers.Local;
using Petal.Verify.Transport;

namespace Petal.Capture;

/// <summary>This machine as a head node: commands in a login shell (`bash -lc`), as a user would have them.</summary>
public sealed class ThisMachineShell : IClusterShell
{
    private SlurmBatch? _batch;

    public string Description => "this machine";

    public async Task<ShellResult> RunAsync(string bash, TimeSpan timeout, CancellationToken cancellation)
    {
        using var timed = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timed.CancelAfter(timeout);
        try
        {
            var r = await ProcessRunner.RunAsync("bash", ["-lc", bash], cancellation: timed.Token);
            return new ShellResult(r.ExitCode, r.Stdout, r.Stderr);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return new ShellResult(124, "", $"timed out after {timeout.TotalSeconds:0} s");
        }
    }

    public Task<JobResult> SubmitAsync(BatchJob job, TimeSpan timeout, IProgress<string>? progress, CancellationToken cancellation) =>
        (_batch ??= new SlurmBatch(RunAsync)).SubmitAsync(job, timeout, progress, cancellation);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
