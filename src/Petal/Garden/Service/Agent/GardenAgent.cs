using System.Text.Json;
using Petal.Garden.Service.Api;
using Petal.Garden.Service.Client;
using Petal.Garden.Service.Rainbow;

namespace Petal.Garden.Service.Agent;

/// <summary>What one agent pass did.</summary>
public sealed record AgentPass(IReadOnlyList<long> Started, IReadOnlyList<long> Finished, IReadOnlyList<long> Failed);

/// <summary>
/// Runs a cluster's garden jobs: follows the jobs it accepted (reports running/completed/failed, stops cancelled
/// ones), then receives new jobs, accepts them (so their lease does not lapse) and submits them to the cluster.
/// Stateless between passes: everything it follows comes back from the service.
/// </summary>
public sealed class GardenAgent(GardenClient client, string cluster, string secret, IJobRunner runner, int maxJobs = 0)
{
    public async Task<AgentPass> RunOnceAsync(CancellationToken cancellation)
    {
        var (started, finished, failed) = (new List<long>(), new List<long>(), new List<long>());
        var following = await client.Jobs.ListClusterJobsAsync(new ClusterJobsRequest { Cluster = cluster, Secret = secret },
            cancellationToken: cancellation);
        foreach (var job in following.Jobs)
        {
            if (job.NativeId.Length == 0)
            {
                // Accepted by an earlier pass that stopped before the cluster took it: it would wait forever.
                await ReportAsync(job.Jobid, JobState.Failed, $"accepted by {cluster}'s agent but never submitted to the cluster "
                    + "(the agent stopped in between); submit it again", "", cancellation);
                failed.Add(job.Jobid);
                continue;
            }
            if (job.CancelRequested)
            {
                await runner.CancelAsync(job.NativeId, cancellation);
                await ReportAsync(job.Jobid, JobState.Cancelled, "stopped on the cluster", job.NativeId, cancellation);
                finished.Add(job.Jobid);
                continue;
            }
            var state = await runner.StateAsync(job.NativeId, cancellation);
            var next = state.Status switch
            {
                RunnerJobStatus.Running when job.State != JobState.Running => JobState.Running,
                RunnerJobStatus.Completed => JobState.Completed,
                RunnerJobStatus.Failed or RunnerJobStatus.Cancelled => JobState.Failed,
                _ => JobState.Unspecified,
            };
            if (next == JobState.Unspecified) continue;
            var answer = await ReportAsync(job.Jobid, next, state.Detail, job.NativeId, cancellation);
            if (answer.CancelRequested) await runner.CancelAsync(job.NativeId, cancellation);
            if (next is JobState.Completed) finished.Add(job.Jobid);
            if (next is JobState.Failed) failed.Add(job.Jobid);
        }

        var received = await client.Rainbow.ReceiveJobsAsync(new ReceiveJobsRequest { Cluster = cluster, Secret = secret, MaxJobs = maxJobs },
            cancellationToken: cancellation);
        foreach (var (id, json) in received.Jobs.OrderBy(j => j.Key))
        {
            // One job at a time, accepted just before it goes to the cluster: whatever is wrong with one job is that
            // job's failure, never the batch's.
            var accept = new AcceptJobsRequest { Cluster = cluster, Secret = secret };
            accept.Jobids.Add(id);
            if ((await client.Rainbow.AcceptJobsAsync(accept, cancellationToken: cancellation)).Status != AcceptJobsResponse.Types.ResultType.Success)
                continue; // cancelled or placed elsewhere meanwhile
            string nativeId;
            try
            {
                nativeId = await runner.SubmitAsync(ToRun(id, json), cancellation);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var why = e is JobRunnerException ? e.Message : $"the agent could not read or submit it ({e.GetType().Name}: {e.Message})";
                await ReportAsync(id, JobState.Failed, $"could not submit to {cluster}: {why}", "", cancellation);
                failed.Add(id);
                continue;
            }
            var answer = await ReportAsync(id, JobState.Accepted, $"submitted to {cluster} as job {nativeId}", nativeId, cancellation);
            if (answer.CancelRequested) await runner.CancelAsync(nativeId, cancellation);
            started.Add(id);
        }
        return new AgentPass(started, finished, failed);
    }

    /// <summary>The job as ReceiveJobs describes it (JSON with name and jobspec).</summary>
    private static JobToRun ToRun(int id, string json)
    {
        using var document = JsonDocument.Parse(json);
        return new JobToRun(id, document.RootElement.GetProperty("name").GetString() ?? "job",
            document.RootElement.GetProperty("jobspec").GetString() ?? "");
    }

    /// <summary>Passes until cancelled, <paramref name="interval"/> apart.</summary>
    public async Task RunAsync(TimeSpan interval, Action<AgentPass> onPass, CancellationToken cancellation)
    {
        using var timer = new PeriodicTimer(interval);
        do onPass(await RunOnceAsync(cancellation));
        while (await timer.WaitForNextTickAsync(cancellation));
    }

    private async Task<ReportJobStateResponse> ReportAsync(int id, JobState state, string detail, string nativeId,
        CancellationToken cancellation) =>
        await client.Jobs.ReportJobStateAsync(new ReportJobStateRequest
        {
            Cluster = cluster, Secret = secret, Jobid = id, State = state, Detail = detail, NativeId = nativeId,
        }, cancellationToken: cancellation);
}
