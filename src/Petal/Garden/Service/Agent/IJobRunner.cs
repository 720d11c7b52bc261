namespace Petal.Garden.Service.Agent;

/// <summary>A job as the agent hands it to its cluster.</summary>
public sealed record JobToRun(long Id, string Name, string Jobspec);

public enum RunnerJobStatus { Pending, Running, Completed, Failed, Cancelled }

public sealed record RunnerJobState(RunnerJobStatus Status, string Detail);

/// <summary>
/// How the agent reaches its cluster's scheduler (local twin today; SSH to a head node can implement the same).
/// Failures to submit throw <see cref="JobRunnerException"/> with a message fit for the job's detail.
/// </summary>
public interface IJobRunner
{
    /// <summary>Submits the job and returns the cluster scheduler's own job id.</summary>
    Task<string> SubmitAsync(JobToRun job, CancellationToken cancellation);

    Task<RunnerJobState> StateAsync(string nativeId, CancellationToken cancellation);

    Task CancelAsync(string nativeId, CancellationToken cancellation);
}

public sealed class JobRunnerException(string message) : Exception(message);
