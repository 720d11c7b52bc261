using Petal.Common;
using Petal.Verify.Transport;

namespace Petal.Spot.Runs;

/// <summary>
/// Spot jobs through bash on the head node (<see cref="IClusterShell"/>: SSH, or a twin's head view): the script
/// copied there, `sbatch --parsable --requeue`, `scontrol show job|nodes -o`, `scancel`, the output read back.
/// <paramref name="workRoot"/> is the absolute directory (seen by compute nodes) that job paths are relative to.
/// </summary>
public sealed class HeadNodeJobs(IClusterShell shell, string cluster, string workRoot)
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    public async Task<string> SubmitAsync(string queue, string job, string script, CancellationToken cancellation)
    {
        var path = $"{workRoot}/{job}";
        var r = await shell.RunAsync(
            $"{HeadFiles.Write(path + ".sh", script)} && rm -f {Q(path + ".out")} && cd {Q(Path.GetDirectoryName(path)!)} && "
            + $"sbatch --parsable --requeue -p {Q(queue)} -o {Q(path + ".out")} {Q(path + ".sh")}", CommandTimeout, cancellation);
        var id = r.Stdout.Trim().Split(';')[0];
        if (r.ExitCode != 0 || !long.TryParse(id, out _))
            throw new InvalidOperationException($"sbatch failed on {cluster}: {r.Combined.Trim()}");
        return id;
    }

    public async Task<SpotJob?> JobAsync(string jobId, CancellationToken cancellation)
    {
        var r = await shell.RunAsync($"scontrol show job -o {Q(jobId)}", CommandTimeout, cancellation);
        return r.ExitCode == 0 ? SlurmJobParser.Parse(jobId, r.Stdout) : null;
    }

    public Task CancelAsync(string jobId, CancellationToken cancellation) => shell.RunAsync($"scancel {Q(jobId)}", CommandTimeout, cancellation);

    public Task<string?> OutputAsync(string job, CancellationToken cancellation) => HeadFiles.ReadAsync(shell, $"{workRoot}/{job}.out", cancellation);

    public async Task<IReadOnlyList<SlurmNode>> NodesAsync(CancellationToken cancellation)
    {
        var r = await shell.RunAsync("scontrol show nodes -o", CommandTimeout, cancellation);
        return r.ExitCode == 0 ? SlurmNode.ParseAll(r.Stdout) : throw new InvalidOperationException($"scontrol show nodes failed on {cluster}: {r.Combined.Trim()}");
    }

    private static string Q(string value) => ShellQuote.Single(value);
}
