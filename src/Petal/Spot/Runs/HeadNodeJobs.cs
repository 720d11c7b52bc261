using Petal.Common;
using Petal.Slurm;
using Petal.Verify.Transport;

namespace Petal.Spot.Runs;

/// <summary>
/// Spot job files through bash on the head node (<see cref="IClusterShell"/>: SSH, or a twin's head view): the script
/// copied there and submitted beside it by a <see cref="SlurmClient"/> over the same shell (the script's own #SBATCH
/// lines give its shape; requeued on a reclaim), the output read back (job states, nodes and cancels go through the
/// cluster's Slurm client). <paramref name="workRoot"/> is the absolute directory (seen by compute nodes) that job paths are relative to.
/// </summary>
public sealed class HeadNodeJobs(IClusterShell shell, string cluster, string workRoot)
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);
    private readonly SlurmClient _slurm = ShellSlurm.Over(shell, CommandTimeout);

    public async Task<string> SubmitAsync(string queue, string job, string script, CancellationToken cancellation)
    {
        var path = $"{workRoot}/{job}";
        var written = await shell.RunAsync($"{HeadFiles.Write(path + ".sh", script)} && rm -f {ShellQuote.Single(path + ".out")}", CommandTimeout, cancellation);
        if (written.ExitCode != 0)
            throw new InvalidOperationException($"sbatch failed on {cluster}: cannot write {path}.sh: {written.Combined.Trim()}");
        // Name, nodes and tasks null: the script's #SBATCH lines decide them, as a user's own sbatch would.
        var request = new SlurmJobRequest
        {
            Nodes = null, Tasks = null, Requeue = true, Partitions = [queue], Output = path + ".out",
            WorkingDirectory = Path.GetDirectoryName(path)!,
        };
        try { return await _slurm.SubmitFileAsync(request, path + ".sh", cancellation); }
        catch (SlurmException e) { throw new InvalidOperationException($"sbatch failed on {cluster}: {e.Result?.Combined.Trim() ?? e.Message}"); }
    }

    public Task<string?> OutputAsync(string job, CancellationToken cancellation) => HeadFiles.ReadAsync(shell, $"{workRoot}/{job}.out", cancellation);
}
