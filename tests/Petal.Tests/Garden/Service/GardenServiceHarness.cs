using System.Net;
using Grpc.Core;
using Petal.Garden.Service;
using Petal.Garden.Service.Client;
using Petal.Garden.Service.Hosting;
using Petal.Garden.Service.Placement;
using Petal.Garden.Service.Rainbow;
using Petal.Garden.Service.Store;
using Petal.Tests.Support;

namespace Petal.Tests.Garden.Service;

/// <summary>A real garden service on 127.0.0.1 (free port) over a SQLite file in a temp directory; restartable.</summary>
public sealed class GardenServiceHarness : IAsyncDisposable
{
    public const string RegistrationSecret = "test-registration-secret";

    private readonly TempDirectory _temp = new();
    private readonly TimeSpan _lease;

    private readonly bool _memoryGraph;

    public GardenServiceHarness(TimeSpan? lease = null, bool memoryGraph = true) =>
        (_lease, _memoryGraph) = (lease ?? TimeSpan.FromSeconds(60), memoryGraph);

    public GardenServer Server { get; private set; } = null!;
    public GardenClient Client { get; private set; } = null!;
    public string DatabasePath => _temp.File("garden.db");

    public static string Fixture(string relative) => File.ReadAllText(Path.Combine(Corpus, relative));

    private static readonly string Corpus = RepoPaths.RainbowConformance;

    public static async Task<GardenServiceHarness> StartAsync(TimeSpan? lease = null, bool memoryGraph = true)
    {
        var harness = new GardenServiceHarness(lease, memoryGraph);
        await harness.StartServerAsync();
        return harness;
    }

    public async Task StartServerAsync()
    {
        Server = await GardenServer.StartAsync(new GardenServerOptions
        {
            Listen = new IPEndPoint(IPAddress.Loopback, 0),
            Database = GardenDatabase.Parse(DatabasePath),
            RegistrationSecret = RegistrationSecret,
            Placer = new GardenMatchPlacer(),
            Garden = new GardenOptions { Lease = _lease },
            MemoryGraph = _memoryGraph,
        });
        Client = new GardenClient(Server.Address);
    }

    /// <summary>Stops the service (the database stays) and starts a new one on the same database.</summary>
    public async Task RestartAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        await StartServerAsync();
    }

    public async Task<RegisterResponse> RegisterAsync(string name, string nodesFixture = "scheduler/cluster-nodes.json") =>
        await Client.Rainbow.RegisterAsync(new RegisterRequest { Name = name, Secret = RegistrationSecret, Nodes = Fixture(nodesFixture) });

    public async Task<SubmitJobResponse> SubmitAsync(string jobspec, IEnumerable<(string Cluster, string Token)> clusters,
        string? requestId = null, string name = "")
    {
        var request = new SubmitJobRequest { Name = name, Jobspec = jobspec };
        request.Clusters.AddRange(clusters.Select(c => new SubmitJobRequest.Types.Cluster { Name = c.Cluster, Token = c.Token }));
        var headers = requestId is null ? null : new Metadata { { Petal.Garden.Service.Grpc.RainbowSchedulerService.RequestIdHeader, requestId } };
        return await Client.Rainbow.SubmitJobAsync(request, headers);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        _temp.Dispose();
    }
}
