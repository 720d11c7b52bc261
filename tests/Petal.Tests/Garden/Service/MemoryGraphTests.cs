using Google.Protobuf;
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

    /// <summary>
    /// grpc-go dialing ":PORT" (rainbow's memory backend dials ":50051") sends the authority ":PORT", HPACK literal with
    /// incremental indexing, Huffman-coded; this client writes those frames byte for byte and must get an answer,
    /// not RST_STREAM PROTOCOL_ERROR.
    /// </summary>
    [Fact]
    public async Task A_client_sending_the_authority_port_only_as_grpc_go_does_gets_an_answer()
    {
        await using var garden = await GardenServiceHarness.StartAsync();
        var keebler = await garden.RegisterAsync("keebler");
        await garden.Client.Rainbow.RegisterSubsystemAsync(new Petal.Garden.Service.Rainbow.RegisterRequest
        {
            Name = "keebler", Secret = keebler.Secret, Subsystem = "io", Nodes = GardenServiceHarness.Fixture("scheduler/cluster-io-subsystem.json"),
        });
        var port = int.Parse(garden.Server.Address.Split(':')[^1]);
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(System.Net.IPAddress.Loopback, port);
        var stream = tcp.GetStream();
        var path = System.Text.Encoding.ASCII.GetBytes("/service.MemoryGraph/Satisfy");
        var authority = HuffmanDigits(":" + port);
        byte[] block =
        [
            0x83, 0x86, 0x04, (byte)path.Length, .. path,                 // POST, http, :path (literal, not indexed)
            0x41, (byte)(0x80 | authority.Length), .. authority,          // :authority ":PORT", incremental indexing, Huffman
            0x0f, 0x10, 16, .. "application/grpc"u8,                      // content-type
            0x00, 2, .. "te"u8, 8, .. "trailers"u8,
        ];
        var message = new SatisfyRequest { Payload = IoJobspecJson }.ToByteArray();
        byte[] data = [0, (byte)(message.Length >> 24), (byte)(message.Length >> 16), (byte)(message.Length >> 8), (byte)message.Length, .. message];
        await stream.WriteAsync("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray());
        await stream.WriteAsync(Frame(0x4, 0, 0, []));                 // SETTINGS
        await stream.WriteAsync(Frame(0x1, 0x4, 1, block));            // HEADERS, END_HEADERS
        await stream.WriteAsync(Frame(0x0, 0x1, 1, data));             // DATA, END_STREAM

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var header = new byte[9];
            await stream.ReadExactlyAsync(header, timeout.Token);
            var payload = new byte[(header[0] << 16) | (header[1] << 8) | header[2]];
            await stream.ReadExactlyAsync(payload, timeout.Token);
            Assert.False(header[3] == 0x3, "the server reset the stream (RST_STREAM)");
            if (header[3] == 0x4 && (header[4] & 0x1) == 0) await stream.WriteAsync(Frame(0x4, 0x1, 0, []), timeout.Token);
            if (header[3] != 0x0 || payload.Length < 5) continue;
            var response = SatisfyResponse.Parser.ParseFrom(payload.AsSpan(5).ToArray());
            Assert.Equal(["keebler"], response.Clusters);
            return;
        }
    }

    private static byte[] Frame(byte type, byte flags, int stream, byte[] payload) =>
        [(byte)(payload.Length >> 16), (byte)(payload.Length >> 8), (byte)payload.Length, type, flags,
            (byte)(stream >> 24), (byte)(stream >> 16), (byte)(stream >> 8), (byte)stream, .. payload];

    /// <summary>HPACK Huffman (RFC 7541 appendix B) of ':' and digits: ':' 1011100, '0'–'2' 00000–00010, '3'–'9' 011001–011111.</summary>
    private static byte[] HuffmanDigits(string text)
    {
        var bits = string.Concat(text.Select(c => c == ':' ? "1011100"
            : c <= '2' ? Convert.ToString(c - '0', 2).PadLeft(5, '0') : Convert.ToString(0x19 + c - '3', 2).PadLeft(6, '0')));
        bits = bits.PadRight((bits.Length + 7) / 8 * 8, '1');
        return Enumerable.Range(0, bits.Length / 8).Select(i => Convert.ToByte(bits.Substring(i * 8, 8), 2)).ToArray();
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
