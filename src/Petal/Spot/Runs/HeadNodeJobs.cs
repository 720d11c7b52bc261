using Petal.Common;
using Petal.Verify.Transport;

namespace Petal.Spot.Runs;

/// <summary>
/// Spot job files through bash on the head node (<see cref="IClusterShell"/>: SSH, or a twin's head view): the script
/// copied there and submitted with `sbatch --parsable --requeue` beside it, the output read back (job states, nodes and
/// cancels go through the cluster's Slurm client).
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

    public Task<string?> OutputAsync(string job, CancellationToken cancellation) => HeadFiles.ReadAsync(shell, $"{workRoot}/{job}.out", cancellation);

    private static string Q(string value) => ShellQuote.Single(value);
}
