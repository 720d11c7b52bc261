using System.Diagnostics;
using System.Globalization;
using Petal.Common;

namespace Petal.Verify.Transport;

/// <summary>
/// sbatch, wait and read back, through nothing but bash on the head node, so every transport submits jobs
/// the same way. Waiting uses `scontrol -o show job` (no accounting needed: finished jobs stay visible for
/// MinJobAge). Scripts and output live in a work directory on the head node that compute nodes see too.
/// </summary>
public sealed class SlurmBatch(IClusterShell shell)
{
    private const string Poll = "0.25";
    private const string RecordMark = "@@petal-job-record";
    private const string OutputMark = "@@petal-job-output";
    /// <summary>Room for writing, submitting and reading back around the job's own time.</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(60);

    /// <summary>
    /// One round trip: one shell writes the script, submits it, polls `scontrol -o show job` until a final state
    /// (or cancels the job when <paramref name="timeout"/> passes), then prints the job's record and its output.
    /// </summary>
    public async Task<JobResult> SubmitAsync(BatchJob job, TimeSpan timeout, IProgress<string>? progress, CancellationToken cancellation)
    {
        if (!Patterns.Label.IsMatch(job.Name) || !Patterns.Label.IsMatch(job.Queue))
            throw new ArgumentException($"job name and queue must be simple names: '{job.Name}', '{job.Queue}'");
        var workDir = job.WorkDir;
        var script = $"{workDir}/{job.Name}.sh";
        var output = $"{workDir}/{job.Name}.out";
        var seconds = ((long)Math.Ceiling(timeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        // --export=NONE: the job sees the compute node's own environment, not the head node's (a head-only MODULEPATH must not leak).
        var bash = HeadFiles.Write(script, job.Script + "\n") + " || exit 3\n" +
                   $"out=$(sbatch --parsable --export=NONE -J {Q("petal-" + job.Name)} -p {Q(job.Queue)} -N {job.Nodes} " +
                   $"--ntasks-per-node={job.TasksPerNode} -o {Q(output)} {Q(script)} 2>&1); rc=$?; id=${{out%%;*}}\n" +
                   "if [ \"$rc\" -ne 0 ] || ! [[ \"$id\" =~ ^[0-9]+$ ]]; then printf '%s\\n' \"$out\"; exit 3; fi\n" +
                   $"wait_s={Q(seconds)}; end=$(( $(date +%s) + wait_s )); final={Q(" " + string.Join(" ", SlurmText.FinalStates) + " ")}\n" +
                   "while :; do\n" +
                   "  rec=$(scontrol -o show job \"$id\" 2>&1); st=$(sed -n 's/.*JobState=\\([A-Z_]*\\).*/\\1/p' <<<\"$rec\" | head -n 1)\n" +
                   "  [[ -n \"$st\" && \"$final\" == *\" $st \"* ]] && break\n" +
                   "  if [ \"$(date +%s)\" -ge \"$end\" ]; then scancel \"$id\"; rec=\"$rec PetalTimedOut=yes\"; break; fi\n" +
                   $"  sleep {Poll}\n" +
                   "done\n" +
                   $"echo {Q(RecordMark)}; printf '%s\\n' \"$rec\"; echo {Q(OutputMark)}; cat {Q(output)} 2>/dev/null; exit 0";
        var watch = Stopwatch.StartNew();
        progress?.Report($"job {job.Name} submitted to {job.Queue}; waiting up to {seconds} s");
        var r = await shell.RunAsync(bash, timeout + Slack, cancellation);
        var recordAt = r.Stdout.IndexOf(RecordMark + "\n", StringComparison.Ordinal);
        var outputAt = recordAt < 0 ? -1 : r.Stdout.IndexOf("\n" + OutputMark + "\n", recordAt, StringComparison.Ordinal);
        if (recordAt < 0 || outputAt < 0)
            return new JobResult("", [], "SUBMIT_FAILED", r.ExitCode, r.Combined.Trim(), watch.Elapsed);
        var recordLine = r.Stdout[(recordAt + RecordMark.Length + 1)..outputAt];
        var record = SlurmText.Fields(recordLine);
        var id = record.GetValueOrDefault("JobId", "");
        var state = record.ContainsKey("PetalTimedOut") ? "TIMEOUT" : record.GetValueOrDefault("JobState", "UNKNOWN");
        progress?.Report($"job {id} ({job.Name}) {state.ToLowerInvariant()}");
        var exit = record.TryGetValue("ExitCode", out var code) && int.TryParse(code.Split(':')[0], out var e) ? e : (int?)null;
        var nodes = SlurmText.ExpandHostList(record.GetValueOrDefault("NodeList", ""));
        return new JobResult(id, nodes, state, exit, r.Stdout[(outputAt + OutputMark.Length + 2)..], watch.Elapsed);
    }

    private static string Q(string value) => ShellQuote.Single(value);
}
