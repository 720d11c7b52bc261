using System.CommandLine;
using Spectre.Console;
using System.Net;
using Petal.Common;
using Petal.Garden.Service;
using Petal.Garden.Service.Auth;
using Petal.Garden.Service.Hosting;
using Petal.Garden.Service.Placement;
using Petal.Garden.Service.Store;

namespace Petal.Cli.Commands;

/// <summary>`petal garden serve`: the garden gRPC service on loopback.</summary>
internal static class GardenServeCommand
{
    public static string DefaultSecretFile => Path.Combine(PetalPaths.StateDir, "garden", "registration-secret");

    public static Command Create()
    {
        var listen = new Option<string>("--listen") { Description = "Address to listen on (loopback only)", DefaultValueFactory = _ => GardenClientOptions.DefaultHost };
        var db = new Option<string?>("--db")
        {
            Description = "SQLite file (default: <state dir>/garden/garden.db), or postgres://USER[:PASSWORD]@HOST[:PORT]/DBNAME "
                + "(also postgresql://) for replicas sharing one PostgreSQL; without a password in the URL PGPASSWORD or ~/.pgpass is used",
        };
        var connections = new Option<int>("--db-connections")
        {
            Description = $"PostgreSQL only: connections this replica holds at most (1-{GardenDatabase.MaxConnections}); "
                + "requests beyond wait for a free one. Keep replicas x this under the server's max_connections",
            DefaultValueFactory = _ => GardenDatabase.DefaultConnections,
        };
        var secretFile = new Option<string?>("--secret-file")
        {
            Description = "File holding the registration secret (else PETAL_GARDEN_SECRET; else one is generated into <state dir>/garden/registration-secret)",
        };
        var lease = new Option<double>("--lease") { Description = "Seconds a cluster has to accept an assigned job before it is placed again", DefaultValueFactory = _ => 60 };
        var noMemoryGraph = new Option<bool>("--no-memory-graph")
        {
            Description = "Do not answer rainbow's graph pre-check (service.MemoryGraph/Satisfy: which registered clusters can run a jobspec, asked without credentials)",
        };
        var command = new Command("serve", "Run the garden service (rainbow's gRPC API + job status/cancel) on 127.0.0.1") { listen, db, connections, secretFile, lease, noMemoryGraph };
        command.SetAction(async (parse, cancellation) =>
        {
            if (!IPEndPoint.TryParse(parse.GetValue(listen)!, out var endpoint))
                throw new UserInputException($"--listen {parse.GetValue(listen)}: expected HOST:PORT, e.g. 127.0.0.1:50051");
            if (!IPAddress.IsLoopback(endpoint.Address))
                throw new UserInputException($"--listen {endpoint}: the service speaks cleartext HTTP/2 and binds loopback only (127.0.0.1 or [::1])");
            if (parse.GetValue(lease) is <= 0 or > 86400)
                throw new UserInputException("--lease: give seconds between 0 and 86400");
            var secret = GardenClientOptions.ReadSecret(parse.GetValue(secretFile), "PETAL_GARDEN_SECRET") ?? GeneratedSecret();
            var database = GardenDatabase.Parse(parse.GetValue(db) ?? Path.Combine(PetalPaths.StateDir, "garden", "garden.db"),
                parse.GetValue(connections));
            await using var server = await GardenServer.StartAsync(new GardenServerOptions
            {
                Listen = endpoint,
                Database = database,
                RegistrationSecret = secret,
                Placer = new GardenMatchPlacer(),
                Garden = new GardenOptions { Lease = TimeSpan.FromSeconds(parse.GetValue(lease)) },
                MemoryGraph = !parse.GetValue(noMemoryGraph),
            }, cancellation);
            CliOutput.Console.WriteLine($"garden service listening on {server.Address} (database {database.Display}); Ctrl-C stops it");
            await server.WaitForShutdownAsync(cancellation);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>First run without a secret: generate one the owner can read (never printed).</summary>
    private static string GeneratedSecret()
    {
        var path = DefaultSecretFile;
        if (File.Exists(path) && File.ReadLines(path).FirstOrDefault()?.Trim() is { Length: > 0 } existing) return existing;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var secret = HashedSecret.NewSecret();
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var writer = new StreamWriter(new FileStream(path, options)))
            writer.WriteLine(secret);
        CliOutput.Console.WriteLine($"registration secret generated in {path} (give it to cluster owners who register)");
        return secret;
    }
}
