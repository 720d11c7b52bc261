using System.Diagnostics;
using Petal.Common;

namespace Petal.Verify.Transport;

/// <summary>
/// sbatch, wait and read back, through nothing but bash on the head node, so every transport submits jobs
/// the same way. Waiting uses `scontrol -o show job` (no accounting needed: finished jobs stay visible for
/// MinJobAge). Scripts and output live in a work directory on the head node that compute nodes see too.
/// </summary>
public sealed class SlurmBatch(Func<string, TimeSpan, CancellationToken, Task<ShellResult>> run)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);


    public async Task<JobResult> SubmitAsync(BatchJob job, TimeSpan timeout, IProgress<string>? progress, CancellationToken cancellation)
    {
        if (!Patterns.Label.IsMatch(job.Name) || !Patterns.Label.IsMatch(job.Queue))
            throw new ArgumentException($"job name and queue must be simple names: '{job.Name}', '{job.Queue}'");
        var workDir = job.WorkDir;
        var script = $"{workDir}/{job.Name}.sh";
        var output = $"{workDir}/{job.Name}.out";
        // --export=NONE: the job sees the compute node's own environment, not the head node's (a head-only MODULEPATH must not leak).
        var submit = HeadFiles.Write(script, job.Script + "\n") + " && " +
                     $"sbatch --parsable --export=NONE -J {Q("petal-" + job.Name)} -p {Q(job.Queue)} -N {job.Nodes} " +
                     $"--ntasks-per-node={job.TasksPerNode} -o {Q(output)} {Q(script)}";
        var watch = Stopwatch.StartNew();
        var r = await run(submit, CommandTimeout, cancellation);
        var id = r.Stdout.Trim().Split(';')[0];
        if (r.ExitCode != 0 || !long.TryParse(id, out _))
            return new JobResult("", [], "SUBMIT_FAILED", r.ExitCode, r.Combined.Trim(), watch.Elapsed);
        progress?.Report($"job {id} ({job.Name}) submitted to {job.Queue}");

        var state = "PENDING";
        IReadOnlyDictionary<string, string> record = new Dictionary<string, string>();
        while (true)
        {
            var s = await run($"scontrol -o show job {id}", CommandTimeout, cancellation);
            record = SlurmText.Fields(s.Stdout);
            if (record.TryGetValue("JobState", out var seen) && seen != state)
            {
                state = seen;
                progress?.Report($"job {id} ({job.Name}) {state.ToLowerInvariant()}");
            }
            if (SlurmText.IsFinal(state)) break;
            if (watch.Elapsed > timeout)
            {
                await run($"scancel {id}", CommandTimeout, cancellation);
                state = "TIMEOUT";
                break;
            }
            await Task.Delay(Poll, cancellation);
        }
        var exit = record.TryGetValue("ExitCode", out var code) && int.TryParse(code.Split(':')[0], out var e) ? e : (int?)null;
        var nodes = SlurmText.ExpandHostList(record.GetValueOrDefault("NodeList", ""));
        var content = await run($"cat {Q(output)} 2>/dev/null", CommandTimeout, cancellation);
        return new JobResult(id, nodes, state, exit, content.Stdout, watch.Elapsed);
    }

    private static string Q(string value) => ShellQuote.Single(value);
}
