using System.CommandLine;
using Spectre.Console;
using System.Text.Json;
using Petal.Common;
using Petal.Garden.Service.Client;
using Petal.Garden.Service.Rainbow;

namespace Petal.Cli.Commands;

/// <summary>`petal garden receive`: a cluster's assigned jobs (and optionally accept them), as rainbow's receive.</summary>
internal static class GardenReceiveCommand
{
    public static Command Create()
    {
        var cluster = new Option<string>("--cluster") { Description = "Cluster name", Required = true };
        var max = new Option<int>("--max-jobs") { Description = "At most this many jobs (0 = all)", DefaultValueFactory = _ => 0 };
        var accept = new Option<bool>("--accept") { Description = "Accept the jobs received (the cluster then owns them)" };
        var secretFile = new Option<string?>("--secret-file") { Description = "Cluster secret file (else PETAL_GARDEN_CLUSTER_SECRET, else the client config)" };
        var host = GardenClientOptions.Host();
        var config = GardenClientOptions.Config();
        var command = new Command("receive", "Receive the jobs assigned to a cluster") { cluster, max, accept, secretFile, host, config };
        command.SetAction(async (parse, cancellation) =>
        {
            var name = parse.GetValue(cluster)!;
            var settings = GardenClientConfig.Load(GardenClientOptions.ConfigPath(parse, config));
            var secret = GardenClientOptions.ClusterSecret(name, parse.GetValue(secretFile), settings);
            return await GardenClientOptions.CallAsync(GardenClientOptions.HostOf(parse, host, settings), async client =>
            {
                var received = await client.Rainbow.ReceiveJobsAsync(
                    new ReceiveJobsRequest { Cluster = name, Secret = secret, MaxJobs = parse.GetValue(max) }, cancellationToken: cancellation);
                var jobs = received.Jobs.OrderBy(j => j.Key).Select(j => JsonDocument.Parse(j.Value).RootElement.Clone()).ToList();
                var accepted = false;
                if (parse.GetValue(accept) && jobs.Count > 0)
                {
                    var request = new AcceptJobsRequest { Cluster = name, Secret = secret };
                    request.Jobids.AddRange(received.Jobs.Keys);
                    var response = await client.Rainbow.AcceptJobsAsync(request, cancellationToken: cancellation);
                    accepted = response.Status == AcceptJobsResponse.Types.ResultType.Success;
                }
                if (CliOutput.IsJson(parse))
                    CliOutput.WriteJson(new { cluster = name, accepted, jobs });
                else
                {
                    foreach (var job in jobs)
                        CliOutput.Console.WriteLine($"{job.GetProperty("id")}\t{job.GetProperty("name").GetString()}");
                    CliOutput.Console.WriteLine($"{jobs.Count} job(s) for {name}" + (accepted ? ", accepted" : ""));
                }
                return ExitCodes.Ok;
            });
        });
        return command;
    }
}
