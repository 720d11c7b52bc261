using Grpc.Core;
using Petal.Garden.Service.Api;
using Petal.Garden.Service.Store;

namespace Petal.Garden.Service.Grpc;

/// <summary>petal's extension: job status, cancel, and state reports from clusters.</summary>
public sealed class GardenJobsService(GardenScheduler scheduler) : GardenJobs.GardenJobsBase
{
    public override Task<Job> GetJob(JobRequest request, ServerCallContext context) =>
        Task.FromResult(ToMessage(scheduler.GetJob(request.Jobid, request.Cluster, request.Token)));

    public override Task<Job> CancelJob(JobRequest request, ServerCallContext context) =>
        Task.FromResult(ToMessage(scheduler.Cancel(request.Jobid, request.Cluster, request.Token)));

    public override Task<ReportJobStateResponse> ReportJobState(ReportJobStateRequest request, ServerCallContext context)
    {
        var outcome = scheduler.Report(request.Cluster, request.Secret, request.Jobid, FromMessage(request.State),
            request.Detail, request.NativeId);
        return Task.FromResult(new ReportJobStateResponse { State = ToMessage(outcome.Job.State), CancelRequested = outcome.CancelRequested });
    }

    public override Task<ClusterJobs> ListClusterJobs(ClusterJobsRequest request, ServerCallContext context)
    {
        var response = new ClusterJobs();
        response.Jobs.AddRange(scheduler.JobsOnCluster(request.Cluster, request.Secret).Select(ToMessage));
        return Task.FromResult(response);
    }

    public static Job ToMessage(JobRecord job) => new()
    {
        Jobid = checked((int)job.Id),
        Name = job.Name,
        Cluster = job.Cluster ?? "",
        State = ToMessage(job.State),
        Attempts = job.Attempts,
        Detail = job.Detail,
        NativeId = job.NativeId,
        SubmittedUnixMs = job.SubmittedAt.ToUnixTimeMilliseconds(),
        UpdatedUnixMs = job.UpdatedAt.ToUnixTimeMilliseconds(),
        CancelRequested = job.CancelRequested,
    };

    public static JobState ToMessage(GardenJobState state) => (JobState)((int)state + 1);

    public static GardenJobState FromMessage(JobState state)
    {
        if (state != JobState.Unspecified && Enum.IsDefined(state)) return (GardenJobState)((int)state - 1);
        var known = string.Join(", ", Enum.GetValues<GardenJobState>().Select(s => $"{(int)ToMessage(s)} {s.ToString().ToLowerInvariant()}"));
        throw new GardenServiceException(GardenErrorKind.InvalidArgument,
            (state == JobState.Unspecified ? "state: say which state the job is in" : $"state: {(int)state} is not a job state") + $" (one of: {known})");
    }
}
