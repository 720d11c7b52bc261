using System.Text.Json;
using Grpc.Core;
using Petal.Garden.Service.Rainbow;
using Petal.Garden.Service.Store;

namespace Petal.Garden.Service.Grpc;

/// <summary>rainbow's RainbowScheduler API on top of <see cref="GardenScheduler"/>.</summary>
public sealed class RainbowSchedulerService(GardenScheduler scheduler) : RainbowScheduler.RainbowSchedulerBase
{
    /// <summary>Optional request header carrying the client's request id: a repeated submit returns the same job.</summary>
    public const string RequestIdHeader = "petal-request-id";

    public override Task<RegisterResponse> Register(RegisterRequest request, ServerCallContext context)
    {
        var outcome = scheduler.Register(request.Name, request.Secret, request.Nodes);
        return Task.FromResult(outcome is null
            ? new RegisterResponse { RequestId = NewRequestId(), Status = RegisterResponse.Types.ResultType.RegisterExists }
            : new RegisterResponse
            {
                RequestId = NewRequestId(), Token = outcome.Token, Secret = outcome.Secret,
                Status = RegisterResponse.Types.ResultType.RegisterSuccess,
            });
    }

    public override Task<RegisterResponse> RegisterSubsystem(RegisterRequest request, ServerCallContext context)
    {
        scheduler.RegisterSubsystem(request.Name, request.Secret, request.Subsystem, request.Nodes);
        return Task.FromResult(new RegisterResponse { RequestId = NewRequestId(), Status = RegisterResponse.Types.ResultType.RegisterSuccess });
    }

    /// <summary>As in rainbow, an empty subsystem or "cluster" deletes the whole cluster (an unknown cluster is denied, not "no exists").</summary>
    public override Task<DeleteResponse> Delete(DeleteRequest request, ServerCallContext context)
    {
        if (request.Subsytem is not ("" or "cluster"))
            return Task.FromResult(Deleted(scheduler.DeleteSubsystem(request.Name, request.Secret, request.Subsytem)));
        scheduler.DeleteCluster(request.Name, request.Secret);
        return Task.FromResult(Deleted(true));
    }

    public override Task<DeleteResponse> DeleteSubsystem(DeleteRequest request, ServerCallContext context)
    {
        if (request.Subsytem.Length == 0)
            throw new GardenServiceException(GardenErrorKind.InvalidArgument, "subsystem: name the subsystem to delete");
        return Task.FromResult(Deleted(scheduler.DeleteSubsystem(request.Name, request.Secret, request.Subsytem)));
    }

    public override async Task<SubmitJobResponse> SubmitJob(SubmitJobRequest request, ServerCallContext context)
    {
        var outcome = await scheduler.SubmitAsync(new SubmitCommand(
            request.Name,
            request.Clusters.Select(c => new ClusterToken(c.Name, c.Token)).ToList(),
            request.Jobspec,
            request.SelectAlgorithm,
            request.SelectOptions,
            request.SatisfyOnly,
            context.RequestHeaders.GetValue(RequestIdHeader)), context.CancellationToken);
        var response = new SubmitJobResponse { RequestId = NewRequestId(), Status = SubmitJobResponse.Types.ResultType.SubmitSuccess };
        if (outcome.Job is { } job)
        {
            response.Jobid = checked((int)job.Id);
            response.Cluster = job.Cluster ?? "";
        }
        response.Clusters.AddRange(outcome.Matches);
        return response;
    }

    public override Task<UpdateStateResponse> UpdateState(UpdateStateRequest request, ServerCallContext context)
    {
        scheduler.UpdateState(request.Cluster, request.Secret, request.Payload);
        return Task.FromResult(new UpdateStateResponse { Status = UpdateStateResponse.Types.ResultType.UpdateStateSuccess });
    }

    public override Task<ReceiveJobsResponse> ReceiveJobs(ReceiveJobsRequest request, ServerCallContext context)
    {
        var jobs = scheduler.Receive(request.Cluster, request.Secret, request.MaxJobs);
        var response = new ReceiveJobsResponse
        {
            RequestId = NewRequestId(),
            Status = jobs.Count == 0
                ? ReceiveJobsResponse.Types.ResultType.RequestJobsNoresults
                : ReceiveJobsResponse.Types.ResultType.RequestJobsSuccess,
        };
        foreach (var job in jobs)
            response.Jobs[checked((int)job.Id)] = Describe(job);
        return Task.FromResult(response);
    }

    public override Task<AcceptJobsResponse> AcceptJobs(AcceptJobsRequest request, ServerCallContext context)
    {
        var ids = request.Jobids.Select(id => (long)id).Distinct().ToList();
        var accepted = scheduler.Accept(request.Cluster, request.Secret, ids);
        return Task.FromResult(new AcceptJobsResponse
        {
            Status = accepted == ids.Count
                ? AcceptJobsResponse.Types.ResultType.Success
                : AcceptJobsResponse.Types.ResultType.Partial,
        });
    }

    /// <summary>The job as rainbow's clients read it from ReceiveJobs.</summary>
    private static string Describe(JobRecord job) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["id"] = job.Id, ["cluster"] = job.Cluster ?? "", ["name"] = job.Name, ["jobspec"] = job.Jobspec, ["command"] = "",
    });

    private static DeleteResponse Deleted(bool existed) => new()
    {
        Status = existed ? DeleteResponse.Types.ResultType.DeleteSuccess : DeleteResponse.Types.ResultType.DeleteNoExists,
    };

    private static string NewRequestId() => Guid.NewGuid().ToString();
}
