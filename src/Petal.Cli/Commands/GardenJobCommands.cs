using System.CommandLine;
using Spectre.Console;
using Grpc.Core;
using Petal.Common;
using Petal.Garden.Service.Api;
using Petal.Garden.Service.Client;

namespace Petal.Cli.Commands;

/// <summary>`petal garden status|cancel JOBID`: the submitter's view of a job (authenticated by a submit token).</summary>
internal static class GardenJobCommands
{
    public static Command Status() => Create("status", "Show a job's state, cluster and last message",
        (client, request, cancellation) => client.Jobs.GetJobAsync(request, cancellationToken: cancellation).ResponseAsync);

    public static Command Cancel() => Create("cancel", "Cancel a job (a running job is stopped by its cluster's agent)",
        (client, request, cancellation) => client.Jobs.CancelJobAsync(request, cancellationToken: cancellation).ResponseAsync);

    private static Command Create(string verb, string description, Func<GardenClient, JobRequest, CancellationToken, Task<Job>> call)
    {
        var jobid = new Argument<int>("jobid") { Description = "Job id (from submit)" };
        var cluster = new Option<string?>("--cluster") { Description = "A cluster the job was submitted to (default: try each in the client config)" };
        var host = GardenClientOptions.Host();
        var config = GardenClientOptions.Config();
        var command = new Command(verb, description) { jobid, cluster, host, config };
        command.SetAction(async (parse, cancellation) =>
        {
            var settings = GardenClientConfig.Load(GardenClientOptions.ConfigPath(parse, config));
            var clusters = parse.GetValue(cluster) is { } only ? [only] : settings.Clusters.Where(c => c.Value.Token is { Length: > 0 }).Select(c => c.Key).Order().ToList();
            if (clusters.Count == 0)
                throw new UserInputException("no submit token in the client config: pass --cluster and register or submit from this account");
            return await GardenClientOptions.CallAsync(GardenClientOptions.HostOf(parse, host, settings), async client =>
            {
                Job? job = null;
                foreach (var name in clusters)
                {
                    var token = settings.Clusters.GetValueOrDefault(name)?.Token
                        ?? throw new UserInputException($"--cluster {name}: no submit token for it in {GardenClientOptions.ConfigPath(parse, config)}");
                    try
                    {
                        job = await call(client, new JobRequest { Jobid = parse.GetValue(jobid), Cluster = name, Token = token }, cancellation);
                        break;
                    }
                    catch (RpcException e) when (e.StatusCode is StatusCode.NotFound or StatusCode.PermissionDenied && name != clusters[^1])
                    {
                    }
                }
                Render(parse, job!);
                return ExitCodes.Ok;
            });
        });
        return command;
    }

    private static void Render(ParseResult parse, Job job)
    {
        var state = job.State.ToString().ToLowerInvariant();
        if (CliOutput.IsJson(parse))
            CliOutput.WriteJson(new
            {
                jobid = job.Jobid, name = job.Name, cluster = job.Cluster, state, attempts = job.Attempts, detail = job.Detail,
                native_id = job.NativeId, cancel_requested = job.CancelRequested,
                submitted = DateTimeOffset.FromUnixTimeMilliseconds(job.SubmittedUnixMs),
                updated = DateTimeOffset.FromUnixTimeMilliseconds(job.UpdatedUnixMs),
            });
        else
            CliOutput.Console.WriteLine($"job {job.Jobid} ({job.Name}): {state}{(job.CancelRequested ? " (cancel requested)" : "")}"
                + $" on {(job.Cluster.Length > 0 ? job.Cluster : "no cluster yet")}" + (job.Detail.Length > 0 ? $" — {job.Detail}" : ""));
    }
}
