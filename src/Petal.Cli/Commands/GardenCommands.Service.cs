using System.CommandLine;
using Grpc.Core;
using Petal.Common;
using Petal.Garden.Service.Client;

namespace Petal.Cli.Commands;

/// <summary>Options and helpers shared by the garden service commands.</summary>
public static partial class GardenCommands
{
    static partial void AddServiceCommands(Command garden)
    {
        foreach (var command in new[]
                 {
                     GardenServeCommand.Create(), GardenRegisterCommand.Create(), GardenSubmitCommand.Create(),
                     GardenReceiveCommand.Create(), GardenJobCommands.Status(), GardenJobCommands.Cancel(),
                     GardenAgentCommand.Create(),
                 })
            garden.Subcommands.Add(command);
    }
}

/// <summary>Where a client finds the service and its credentials.</summary>
internal static class GardenClientOptions
{
    public const string DefaultHost = "127.0.0.1:50051";

    public static Option<string?> Host() => new("--host")
    {
        Description = $"Garden service host:port (default: PETAL_GARDEN_HOST, the client config, or {DefaultHost})",
    };

    public static Option<string?> Config() => new("--config")
    {
        Description = "Client credentials file (default: <state dir>/garden/client.json)",
    };

    public static string ConfigPath(ParseResult parse, Option<string?> config) =>
        parse.GetValue(config) ?? GardenClientConfig.DefaultPath;

    public static string HostOf(ParseResult parse, Option<string?> host, GardenClientConfig config) =>
        parse.GetValue(host)
        ?? (Environment.GetEnvironmentVariable("PETAL_GARDEN_HOST") is { Length: > 0 } env ? env : null)
        ?? config.Host
        ?? DefaultHost;

    /// <summary>A secret from a file (first line), else an environment variable; never from the command line.</summary>
    public static string? ReadSecret(string? file, string environment, string? fallbackFile = null)
    {
        if (file is not null)
            return File.Exists(file)
                ? File.ReadLines(file).FirstOrDefault()?.Trim() is { Length: > 0 } s ? s : throw new UserInputException($"{file}: the secret file is empty")
                : throw new UserInputException($"{file}: no such secret file");
        if (Environment.GetEnvironmentVariable(environment) is { Length: > 0 } value) return value.Trim();
        return fallbackFile is not null && File.Exists(fallbackFile) ? File.ReadLines(fallbackFile).FirstOrDefault()?.Trim() : null;
    }

    /// <summary>The cluster secret for agent/receive: --secret-file, PETAL_GARDEN_CLUSTER_SECRET, or the client config.</summary>
    public static string ClusterSecret(string cluster, string? secretFile, GardenClientConfig config) =>
        ReadSecret(secretFile, "PETAL_GARDEN_CLUSTER_SECRET") ?? config.Clusters.GetValueOrDefault(cluster)?.Secret
        ?? throw new UserInputException($"no secret for cluster {cluster}: pass --secret-file, set PETAL_GARDEN_CLUSTER_SECRET, "
            + "or register the cluster from this account (petal garden register)");

    /// <summary>Runs a client call; gRPC errors become petal's (<see cref="GardenClient.Translate"/>), naming the service.</summary>
    public static async Task<int> CallAsync(string host, Func<GardenClient, Task<int>> call)
    {
        using var client = new GardenClient(host);
        try
        {
            return await call(client);
        }
        catch (RpcException e)
        {
            throw GardenClient.Translate(e, host);
        }
    }
}
