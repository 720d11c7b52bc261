using System.CommandLine;
using Spectre.Console;
using Petal.Catalog;
using Petal.Common;
using Petal.Garden.Descriptions;
using Petal.Garden.Simulation;
using Petal.Garden.Service.Client;
using Petal.Garden.Service.Rainbow;

namespace Petal.Cli.Commands;

/// <summary>`petal garden register`: a cluster (its JGF node graph) and its subsystems; credentials saved 0600.</summary>
internal static class GardenRegisterCommand
{
    public static Command Create()
    {
        var cluster = new Option<string>("--cluster") { Description = "Cluster name", Required = true };
        var nodes = new Option<FileInfo?>("--nodes") { Description = "JGF node graph of the cluster (rainbow's cluster-nodes.json)" };
        var seed = new Option<FileInfo?>("--seed")
        {
            Description = "Register the cluster a petal seed describes (its nodes as JGF, its Spack stack as the software subsystem) instead of --nodes",
        };
        var subsystems = new Option<string[]>("--subsystem")
        {
            Description = "NAME=FILE: a subsystem graph to register (repeatable), e.g. io=cluster-io-subsystem.json",
            AllowMultipleArgumentsPerToken = false,
        };
        var secretFile = new Option<string?>("--secret-file") { Description = "Registration secret file (else PETAL_GARDEN_SECRET, else the local serve's generated one)" };
        var showSecrets = new Option<bool>("--show-secrets") { Description = "Also print the new token and secret (they are always saved to the client config)" };
        var host = GardenClientOptions.Host();
        var config = GardenClientOptions.Config();
        var command = new Command("register", "Register a cluster and/or its subsystems with the garden service (with neither --nodes, --seed nor --subsystem: the cluster petal created of that name)")
            { cluster, nodes, seed, subsystems, secretFile, showSecrets, host, config };
        command.SetAction(async (parse, cancellation) =>
        {
            var name = parse.GetValue(cluster)!;
            var extra = (parse.GetValue(subsystems) ?? []).Select(ParseSubsystem).ToList();
            var nodesFile = parse.GetValue(nodes);
            var seedFile = parse.GetValue(seed);
            if (nodesFile is not null && seedFile is not null)
                throw new UserInputException("register: give --nodes or --seed, not both");
            // Nothing given: the cluster petal created of that name, described from the seed it grew from.
            var grown = nodesFile is null && seedFile is null && extra.Count == 0
                ? GrownClusters.Describe(name, EmbeddedCatalog.Default, ClusterCommands.Registry(parse))
                  ?? throw new UserInputException($"register: no cluster named '{name}' that petal created; give --nodes or --seed (the cluster) and/or --subsystem NAME=FILE")
                : null;
            // A seed becomes the node graph plus its subsystems (software), registered like files would be.
            string? graph = nodesFile is null ? null : ReadFile(nodesFile.FullName);
            var graphs = new List<(string Name, string Text)>();
            if (seedFile is not null && !seedFile.Exists) throw new UserInputException($"{seedFile}: no such seed file");
            if ((grown ?? (seedFile is null ? null : ClusterFolders.DescribeSeedFile(seedFile.FullName, EmbeddedCatalog.Default)))
                is { } described)
            {
                var written = JgfWriter.Write(described);
                graph = written.Nodes;
                graphs.AddRange(written.Subsystems.Select(s => (s.Key, s.Value)));
            }
            graphs.AddRange(extra.Select(e => (e.Name, ReadFile(e.File))));
            var configPath = GardenClientOptions.ConfigPath(parse, config);
            var settings = GardenClientConfig.Load(configPath);
            var address = GardenClientOptions.HostOf(parse, host, settings);
            return await GardenClientOptions.CallAsync(address, async client =>
            {
                var results = new List<object>();
                if (graph is not null)
                {
                    var secret = GardenClientOptions.ReadSecret(parse.GetValue(secretFile), "PETAL_GARDEN_SECRET", GardenServeCommand.DefaultSecretFile)
                        ?? throw new UserInputException("no registration secret: pass --secret-file or set PETAL_GARDEN_SECRET");
                    var response = await client.Rainbow.RegisterAsync(new RegisterRequest
                    {
                        Name = name, Secret = secret, Nodes = graph,
                    }, cancellationToken: cancellation);
                    if (response.Status == RegisterResponse.Types.ResultType.RegisterSuccess)
                    {
                        settings = settings.With(name, _ => new ClusterCredentials { Token = response.Token, Secret = response.Secret }) with { Host = address };
                        settings.Save(configPath);
                    }
                    var created = response.Status == RegisterResponse.Types.ResultType.RegisterSuccess;
                    results.Add(new
                    {
                        cluster = name,
                        status = created ? "registered" : "exists",
                        token = parse.GetValue(showSecrets) && created ? response.Token : null,
                        secret = parse.GetValue(showSecrets) && created ? response.Secret : null,
                    });
                    if (!CliOutput.IsJson(parse))
                        CliOutput.Console.WriteLine(created
                            ? $"registered cluster {name}; token and secret saved to {configPath}"
                              + (parse.GetValue(showSecrets) ? $"\n  token:  {response.Token}\n  secret: {response.Secret}" : "")
                            : $"cluster {name} already exists (graph unchanged)");
                }
                foreach (var (subsystem, text) in graphs)
                {
                    var clusterSecret = GardenClientOptions.ClusterSecret(name, null, settings);
                    await client.Rainbow.RegisterSubsystemAsync(new RegisterRequest
                    {
                        Name = name, Secret = clusterSecret, Subsystem = subsystem, Nodes = text,
                    }, cancellationToken: cancellation);
                    results.Add(new { cluster = name, subsystem, status = "registered" });
                    if (!CliOutput.IsJson(parse))
                        CliOutput.Console.WriteLine($"registered subsystem {subsystem} of cluster {name}");
                }
                if (CliOutput.IsJson(parse)) CliOutput.WriteJson(new { Registered = results });
                return ExitCodes.Ok;
            });
        });
        return command;
    }

    private static (string Name, string File) ParseSubsystem(string value)
    {
        var split = value.IndexOf('=');
        return split > 0 && split < value.Length - 1
            ? (value[..split], value[(split + 1)..])
            : throw new UserInputException($"--subsystem {value}: expected NAME=FILE, e.g. io=cluster-io-subsystem.json");
    }

    internal static string ReadFile(string path) =>
        File.Exists(path) ? File.ReadAllText(path) : throw new UserInputException($"{path}: no such file");
}
