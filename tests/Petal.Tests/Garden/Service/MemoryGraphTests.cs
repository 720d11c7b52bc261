using Grpc.Core;
using Grpc.Net.Client;
using Petal.Garden.Service.MemoryGraphApi;

namespace Petal.Tests.Garden.Service;

/// <summary>
/// rainbow's submit as its clients do it, on the wire: register (RainbowScheduler), the graph pre-check
/// (service.MemoryGraph/Satisfy with the jobspec serialized to JSON, no credentials), then SubmitJob.
/// Nothing of rainbow is built: the messages are rainbow's, declared in petal's memory.proto and rainbow.proto.
/// </summary>
public sealed class MemoryGraphTests
{
    /// <summary>rainbow's scheduler/jobspec-io.yaml as rainbow's Go client marshals it to JSON for Satisfy.</summary>
    private const string IoJobspecJson =
        """{"version":1,"resources":{"ior":{"type":"node","replicas":1,"requires":[{"name":"io","field":"type","match":"shm"}],"with":[{"type":"core","count":2}]}},"tasks":[{"command":["ior"],"resources":"ior"}]}""";

    private static MemoryGraph.MemoryGraphClient Graph(GardenServiceHarness garden, out GrpcChannel channel)
    {
        channel = GrpcChannel.ForAddress($"http://{garden.Server.Address}");
        return new MemoryGraph.MemoryGraphClient(channel);
    }

    [Fact]
    public async Task Satisfy_then_submit_places_the_job_where_the_graph_says_it_fits()
    {
        await using var garden = await GardenServiceHarness.StartAsync();
        var keebler = await garden.RegisterAsync("keebler");
        var plain = await garden.RegisterAsync("plain");
        await garden.Client.Rainbow.RegisterSubsystemAsync(new Petal.Garden.Service.Rainbow.RegisterRequest
        {
            Name = "keebler", Secret = keebler.Secret, Subsystem = "io", Nodes = GardenServiceHarness.Fixture("scheduler/cluster-io-subsystem.json"),
        });
        var graph = Graph(garden, out var channel);
        using (channel)
        {
            var satisfied = await graph.SatisfyAsync(new SatisfyRequest { Payload = IoJobspecJson });
            Assert.Equal(SatisfyResponse.Types.ResultType.Success, satisfied.Status);
            Assert.Equal(["keebler"], satisfied.Clusters);

            // rainbow's client then submits to the clusters it holds tokens for.
            var submitted = await garden.SubmitAsync(GardenServiceHarness.Fixture("scheduler/jobspec-io.yaml"),
                [("keebler", keebler.Token), ("plain", plain.Token)]);
            Assert.Equal("keebler", submitted.Cluster);
            Assert.True(submitted.Jobid > 0);
        }
    }

    [Fact]
    public async Task An_over_subscribed_jobspec_is_refused_with_why_and_registering_through_the_graph_is_denied()
    {
        await using var garden = await GardenServiceHarness.StartAsync();
        await garden.RegisterAsync("keebler");
        var graph = Graph(garden, out var channel);
        using (channel)
        {
            var tooBig = """{"version":1,"resources":{"job":{"type":"node","replicas":2,"with":[{"type":"core","count":4096}]}},"tasks":[{"command":["app"],"resources":"job"}]}""";
            var refused = await Assert.ThrowsAsync<RpcException>(() => graph.SatisfyAsync(new SatisfyRequest { Payload = tooBig }).ResponseAsync);
            Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
            Assert.Contains("never over-subscribes", refused.Status.Detail);
            Assert.Contains("keebler: needs 2 nodes", refused.Status.Detail);

            var denied = await Assert.ThrowsAsync<RpcException>(() =>
                graph.RegisterAsync(new Petal.Garden.Service.MemoryGraphApi.RegisterRequest { Name = "x", Payload = "{}" }).ResponseAsync);
            Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        }
    }

    [Fact]
    public async Task With_the_graph_turned_off_satisfy_is_unimplemented()
    {
        await using var garden = await GardenServiceHarness.StartAsync(memoryGraph: false);
        await garden.RegisterAsync("keebler");
        var graph = Graph(garden, out var channel);
        using (channel)
        {
            var off = await Assert.ThrowsAsync<RpcException>(() => graph.SatisfyAsync(new SatisfyRequest { Payload = IoJobspecJson }).ResponseAsync);
            Assert.Equal(StatusCode.Unimplemented, off.StatusCode);
        }
    }
}
