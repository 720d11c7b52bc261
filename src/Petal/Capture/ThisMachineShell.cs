using Petal.Common;
using Petal.Providers.Local;
using Petal.Verify.Transport;

namespace Petal.Capture;

/// <summary>This machine as a head node: commands in a login shell (`bash -lc`), as a user would have them.</summary>
public sealed class ThisMachineShell : IClusterShell
{
    private SlurmBatch? _batch;

    public string Description => "this machine";

    public Task<CommandResult> RunAsync(string bash, TimeSpan timeout, CancellationToken cancellation) =>
        LocalTwinShell.RunLocalAsync(ct => ProcessRunner.RunAsync("bash", ["-lc", bash], cancellation: ct), timeout, cancellation);

    public Task<JobResult> SubmitAsync(BatchJob job, TimeSpan timeout, IProgress<string>? progress, CancellationToken cancellation) =>
        (_batch ??= new SlurmBatch(this)).SubmitAsync(job, timeout, progress, cancellation);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
