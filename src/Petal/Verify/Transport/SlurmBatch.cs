using System.Diagnostics;
using Petal.Common;
using Petal.Slurm;

namespace Petal.Verify.Transport;

/// <summary>
/// sbatch, wait and read back through the head node's shell: the script and its output live in a work directory
/// there that compute nodes see too; submitting, watching (`scontrol show job`: no accounting needed, finished jobs
/// stay visible for MinJobAge) and cancelling go through the cluster's <see cref="SlurmClient"/> over that shell,
/// so every transport submits jobs the same way.
/// </summary>
public sealed class SlurmBatch(IClusterShell shell)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);
    private readonly SlurmClient _slurm = ShellSlurm.Over(shell, CommandTimeout);

    public async Task<JobResult> SubmitAsync(BatchJob job, TimeSpan timeout, IProgress<string>? progress, CancellationToken cancellation)
    {
        if (!Patterns.Label.IsMatch(job.Name) || !Patterns.Label.IsMatch(job.Queue))
            throw new ArgumentException($"job name and queue must be simple names: '{job.Name}', '{job.Queue}'");
        var script = $"{job.WorkDir}/{job.Name}.sh";
        var output = $"{job.WorkDir}/{job.Name}.out";
        var watch = Stopwatch.StartNew();
        var written = await shell.RunAsync(HeadFiles.Write(script, job.Script + "\n"), CommandTimeout, cancellation);
        if (written.ExitCode != 0)
            return new JobResult("", [], "SUBMIT_FAILED", written.ExitCode, written.Combined.Trim(), watch.Elapsed);
        // ExportNone: the job sees the compute node's own environment, not the head node's (a head-only MODULEPATH must not leak).
        var request = new SlurmJobRequest
        {
            Name = "petal-" + job.Name, Nodes = job.Nodes, TasksPerNode = job.TasksPerNode, Partitions = [job.Queue], Output = output, ExportNone = true,
        };
        string id;
        try { id = await _slurm.SubmitFileAsync(request, script, cancellation); }
        catch (SlurmException e)
        {
            return new JobResult("", [], "SUBMIT_FAILED", e.Result?.ExitCode ?? 0, e.Result?.Combined.Trim() ?? e.Message, watch.Elapsed);
        }
        progress?.Report($"job {id} ({job.Name}) submitted to {job.Queue}");

        var state = "PENDING";
        SlurmJob? seen = null;
        while (true)
        {
            // A failed look (timeout, transient error) keeps the last state seen: only the job's own end or the timeout stop the wait.
            if (await _slurm.JobAsync(id, cancellation) is { } now)
            {
                seen = now;
                if (now.StateText != state)
                {
                    state = now.StateText;
                    progress?.Report($"job {id} ({job.Name}) {state.ToLowerInvariant()}");
                }
            }
            if (seen is { Finished: true }) break;
            if (watch.Elapsed > timeout)
            {
                try { await _slurm.CancelAsync(id, cancellation); }
                catch (SlurmException) { /* already gone: nothing left to stop */ }
                state = "TIMEOUT";
                break;
            }
            await Task.Delay(Poll, cancellation);
        }
        var exit = seen is not null && int.TryParse(seen.ExitCode.Split(':')[0], out var code) ? code : (int?)null;
        var content = await shell.RunAsync($"cat {ShellQuote.Single(output)} 2>/dev/null", CommandTimeout, cancellation);
        return new JobResult(id, seen?.Nodes ?? [], state, exit, content.Stdout, watch.Elapsed);
    }
}
