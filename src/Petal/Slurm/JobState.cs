using System.Globalization;
using Petal.Common;

namespace Petal.Slurm;

/// <summary>A Slurm job's state (scontrol's JobState).</summary>
public enum JobState
{
    Pending, Configuring, Running, Completing, Suspended, Requeued, Completed, Failed, Cancelled, Timeout, NodeFail, OutOfMemory,
    Preempted, BootFail, Deadline, Unknown,
}

/// <summary>A job as `scontrol show job -o` reports it now.</summary>
public sealed record SlurmJob(string Id, JobState State, string StateText, IReadOnlyList<string> Nodes, string ExitCode,
    DateTimeOffset? StartedAt, DateTimeOffset? EndedAt, int Restarts)
{
    /// <summary>Will not run (again) by itself.</summary>
    public bool Finished => State is JobState.Completed or JobState.Failed or JobState.Cancelled or JobState.Timeout or JobState.NodeFail
        or JobState.OutOfMemory or JobState.Preempted or JobState.BootFail or JobState.Deadline;

    public bool Queued => State is JobState.Pending or JobState.Configuring or JobState.Requeued or JobState.Suspended;

    public static JobState ParseState(string text) => text.Trim().ToUpperInvariant() switch
    {
        "PENDING" => JobState.Pending, "CONFIGURING" => JobState.Configuring, "RUNNING" => JobState.Running,
        "COMPLETING" => JobState.Completing, "SUSPENDED" => JobState.Suspended, "REQUEUED" or "REQUEUE_HOLD" or "REQUEUE_FED" => JobState.Requeued,
        "COMPLETED" => JobState.Completed, "FAILED" => JobState.Failed, "CANCELLED" => JobState.Cancelled, "TIMEOUT" => JobState.Timeout,
        "NODE_FAIL" => JobState.NodeFail, "OUT_OF_MEMORY" => JobState.OutOfMemory, "PREEMPTED" => JobState.Preempted,
        "BOOT_FAIL" => JobState.BootFail, "DEADLINE" => JobState.Deadline,
        _ => JobState.Unknown,
    };

    /// <summary>The job of one `scontrol show job -o` line, or null when the line has no JobState.</summary>
    public static SlurmJob? Parse(string id, string line)
    {
        var fields = SlurmText.Fields(line);
        if (!fields.TryGetValue("JobState", out var state)) return null;
        return new SlurmJob(id, ParseState(state), state, SlurmText.ExpandHostList(fields.GetValueOrDefault("NodeList", "")),
            fields.GetValueOrDefault("ExitCode", "?"), Time(fields.GetValueOrDefault("StartTime")), Time(fields.GetValueOrDefault("EndTime")),
            int.TryParse(fields.GetValueOrDefault("Restarts"), out var r) ? r : 0);
    }

    private static DateTimeOffset? Time(string? text) =>
        text is { Length: > 0 } && DateTime.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var t)
            ? new DateTimeOffset(t)
            : null;
}
