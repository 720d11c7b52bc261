using System.CommandLine;
using Spectre.Console;
using Grpc.Core;
using Petal.Common;
using Petal.Garden.Jobspecs;
using Petal.Garden.Service.Client;
using Petal.Garden.Service.Grpc;
using Petal.Garden.Service.Rainbow;

namespace Petal.Cli.Commands;

/// <summary>`petal garden submit`: a jobspec to the clusters the user holds tokens for; the service places it.</summary>
internal static class GardenSubmitCommand
{
    public static Command Create()
    {
        var jobspec = new Option<FileInfo?>("--jobspec") { Description = "Jobspec file (Flux nextgen v1 or petal's compact form)" };
        var nodes = new Option<int?>("--nodes") { Description = "Simple form: nodes (with --command; instead of --jobspec)" };
        var tasks = new Option<int?>("--tasks") { Description = "Simple form: tasks in total, one core each (default: one per node)" };
        var run = new Option<string?>("--command") { Description = "Simple form: the command to run, e.g. \"hostname -s\" (split at spaces)" };
        var name = new Option<string?>("--name") { Description = "Job name (default: the jobspec's)" };
        var clusters = new Option<string[]>("--cluster") { Description = "Only these clusters (repeatable; default: every cluster in the client config with a token)" };
        var tokens = new Option<string[]>("--token") { Description = "NAME=TOKEN: a submit token not in the client config (repeatable)" };
        var select = new Option<string?>("--select") { Description = "Selection algorithm (random, first-fit, least-cost, constraint)" };
        var requestId = new Option<string?>("--request-id") { Description = "Idempotency key: resubmitting with the same id returns the same job (default: a new one)" };
        var satisfyOnly = new Option<bool>("--satisfy-only") { Description = "Only list the clusters that can run it; store nothing" };
        var host = GardenClientOptions.Host();
        var config = GardenClientOptions.Config();
        var command = new Command("submit", "Submit a job; it is placed on a cluster that can run it, or refused with the reasons")
            { jobspec, nodes, tasks, run, name, clusters, tokens, select, requestId, satisfyOnly, host, config };
        command.SetAction(async (parse, cancellation) =>
        {
            var settings = GardenClientConfig.Load(GardenClientOptions.ConfigPath(parse, config));
            var request = new SubmitJobRequest
            {
                Name = parse.GetValue(name) ?? "",
                Jobspec = JobspecText(parse.GetValue(jobspec), parse.GetValue(nodes), parse.GetValue(tasks), parse.GetValue(run)),
                SelectAlgorithm = parse.GetValue(select) ?? "",
                SatisfyOnly = parse.GetValue(satisfyOnly),
            };
            request.Clusters.AddRange(Tokens(settings, parse.GetValue(clusters) ?? [], parse.GetValue(tokens) ?? []));
            var headers = new Metadata { { RainbowSchedulerService.RequestIdHeader, parse.GetValue(requestId) ?? Guid.NewGuid().ToString() } };
            return await GardenClientOptions.CallAsync(GardenClientOptions.HostOf(parse, host, settings), async client =>
            {
                var response = await client.Rainbow.SubmitJobAsync(request, headers, cancellationToken: cancellation);
                if (CliOutput.IsJson(parse))
                    CliOutput.WriteJson(new { jobid = response.Jobid, cluster = response.Cluster, clusters = response.Clusters.ToList() });
                else if (request.SatisfyOnly)
                    CliOutput.Console.WriteLine($"can run on: {string.Join(", ", response.Clusters)}");
                else
                    CliOutput.Console.WriteLine($"job {response.Jobid} assigned to {response.Cluster}");
                return ExitCodes.Ok;
            });
        });
        return command;
    }

    /// <summary>--jobspec FILE, or the simple form --nodes N [--tasks T] --command "..." (rainbow's submit flags).</summary>
    private static string JobspecText(FileInfo? file, int? nodes, int? tasks, string? command)
    {
        var simple = nodes is not null || tasks is not null || command is not null;
        if (file is not null)
            return simple
                ? throw new UserInputException("submit: give --jobspec FILE or --nodes/--tasks/--command, not both")
                : InputFiles.ReadText(file.FullName, "jobspec");
        if (!simple) throw new UserInputException("submit: give --jobspec FILE, or --nodes N --tasks T --command \"...\"");
        var problems = new List<string>();
        if (nodes is not { } n || n < 1) problems.Add("--nodes: give the number of nodes (1 or more)");
        if (tasks is < 1) problems.Add("--tasks: give the number of tasks (1 or more)");
        var arguments = (command ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (arguments.Length == 0) problems.Add("--command: give the command to run, e.g. --command \"hostname -s\"");
        if (problems.Count > 0) throw new UserInputException(string.Join(Environment.NewLine, problems));
        return Jobspec.SimpleText(nodes!.Value, tasks ?? nodes.Value, arguments);
    }

    private static IEnumerable<SubmitJobRequest.Types.Cluster> Tokens(GardenClientConfig settings, string[] only, string[] extra)
    {
        var tokens = settings.Clusters.Where(c => c.Value.Token is { Length: > 0 }).ToDictionary(c => c.Key, c => c.Value.Token!);
        foreach (var entry in extra)
        {
            var split = entry.IndexOf('=');
            if (split <= 0 || split == entry.Length - 1)
                throw new UserInputException($"--token {entry.Split('=')[0]}=...: expected NAME=TOKEN");
            tokens[entry[..split]] = entry[(split + 1)..];
        }
        if (only.FirstOrDefault(c => !tokens.ContainsKey(c)) is { } missing)
            throw new UserInputException($"--cluster {missing}: no submit token for it (give --token {missing}=TOKEN)");
        var chosen = only.Length > 0 ? only.Distinct() : tokens.Keys.Order(StringComparer.Ordinal);
        var list = chosen.Select(c => new SubmitJobRequest.Types.Cluster { Name = c, Token = tokens[c] }).ToList();
        return list.Count > 0 ? list : throw new UserInputException("no cluster to submit to: register one or pass --token NAME=TOKEN");
    }
}
