using System.Diagnostics;
using Petal.Verify.Transport;
using Petal.Common;

namespace Petal.Verify.Phases;

/// <summary>A verdict on what a command printed: pass or fail, and a sentence saying why.</summary>
public readonly record struct Judgement(bool Pass, string Reason)
{
    public static Judgement Ok(string reason) => new(true, reason);
    public static Judgement Bad(string reason) => new(false, reason);
}

/// <summary>Nodes and time a job held, for the cost of the run.</summary>
public sealed record JobUsage(string Queue, int Nodes, TimeSpan Elapsed);

/// <summary>What every phase shares: the shell, the target, a work directory on the head node, progress and job accounting.</summary>
public sealed class PhaseContext(IClusterShell shell, VerifyTarget target, string workDir, TimeSpan jobTimeout, IProgress<string>? progress)
{
    private const int ExcerptLines = 25;
    private const int ExcerptChars = 3000;
    /// <summary>How long one head-node check may run (alone, or as a section of a head-node script, where it is then killed).</summary>
    public static readonly TimeSpan HeadTimeout = TimeSpan.FromSeconds(60);

    public IClusterShell Shell { get; } = shell;
    public VerifyTarget Target { get; } = target;
    /// <summary>Absolute path on the head node, visible to compute nodes (under the user's home).</summary>
    public string WorkDir { get; } = workDir;
    public TimeSpan JobTimeout { get; } = jobTimeout;
    public IProgress<string>? Progress { get; } = progress;
    public List<JobUsage> Usage { get; } = [];
    /// <summary>The queues to test (all, or the one given with --queue).</summary>
    public IReadOnlyList<QueueTarget> Queues { get; init; } = target.Queues;

    public static string Q(string value) => ShellQuote.Single(value);

    /// <summary>Runs <paramref name="bash"/> on the head node and judges it.</summary>
    public async Task<CheckResult> OnHeadAsync(CheckDefinition d, string bash, Func<CommandResult, Judgement> judge, CancellationToken cancellation) =>
        (await OnHeadWithOutputAsync(d, bash, judge, cancellation)).Check;

    /// <summary>As <see cref="OnHeadAsync"/>, also returning the whole output (the check keeps an excerpt).</summary>
    public async Task<(CheckResult Check, CommandResult Run)> OnHeadWithOutputAsync(CheckDefinition d, string bash, Func<CommandResult, Judgement> judge,
        CancellationToken cancellation)
    {
        Progress?.Report($"{d.Id}: {d.Title}");
        var watch = Stopwatch.StartNew();
        var r = await Shell.RunAsync(bash, HeadTimeout, cancellation);
        return (Result(d, CheckLocation.Head, bash, r.ExitCode, r.Combined, watch.Elapsed, judge(r)), r);
    }

    public async Task<JobResult> SubmitAsync(BatchJob job, CancellationToken cancellation)
    {
        var r = await Shell.SubmitAsync(job with { WorkDir = WorkDir }, JobTimeout, Progress, cancellation);
        Usage.Add(new JobUsage(job.Queue, Math.Max(r.Nodes.Count, job.Nodes), r.Elapsed));
        return r;
    }

    /// <summary>A check that ran inside a job section; a section the job never reached fails with the job's state.</summary>
    public static CheckResult FromSection(CheckDefinition d, JobScript script, JobResult job, IReadOnlyDictionary<string, JobScript.Section> sections,
        string queue, Func<JobScript.Section, Judgement> judge)
    {
        var where = new CheckLocation(NodeRole.Compute, queue, job.Nodes.FirstOrDefault());
        var command = script.CommandOf(d.Id);
        if (!sections.TryGetValue(d.Id, out var s))
            return Result(d, where, command, job.ExitCode, job.Output, job.Elapsed,
                Judgement.Bad(job.JobId == "" ? $"the job could not be submitted: {Excerpt(job.Output)}"
                    : $"job {job.JobId} ended {job.State} before this check ran"));
        return Result(d, where, command, s.ExitCode, s.Output, s.Duration, judge(s));
    }

    public static CheckResult Result(CheckDefinition d, CheckLocation where, string command, int? exitCode, string output, TimeSpan duration, Judgement j) => new()
    {
        Id = d.Id, Phase = d.Phase, Area = d.Area, Importance = d.Importance, Title = d.Title, Where = where,
        Verdict = j.Pass ? Verdict.Pass : Verdict.Fail, Command = command, ExitCode = exitCode,
        Output = Excerpt(output), Duration = duration, Reason = j.Reason,
    };

    public static string Excerpt(string output)
    {
        var lines = output.TrimEnd().Split('\n');
        var text = string.Join('\n', lines.Take(ExcerptLines));
        if (lines.Length > ExcerptLines) text += $"\n... ({lines.Length - ExcerptLines} more lines)";
        return text.Length > ExcerptChars ? text[..ExcerptChars] + " ..." : text;
    }
}
