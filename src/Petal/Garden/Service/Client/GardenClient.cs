using Grpc.Core;
using Grpc.Net.Client;
using Petal.Common;
using Petal.Garden.Service.Api;
using Petal.Garden.Service.Rainbow;

namespace Petal.Garden.Service.Client;

/// <summary>A connection to a garden service: rainbow's API and petal's job extension over one HTTP/2 channel.</summary>
public sealed class GardenClient : IDisposable
{
    private readonly GrpcChannel _channel;

    public GardenClient(string host)
    {
        _channel = GrpcChannel.ForAddress(host.Contains("://", StringComparison.Ordinal) ? host : $"http://{host}");
        Rainbow = new RainbowScheduler.RainbowSchedulerClient(_channel);
        Jobs = new GardenJobs.GardenJobsClient(_channel);
    }

    public RainbowScheduler.RainbowSchedulerClient Rainbow { get; }

    public GardenJobs.GardenJobsClient Jobs { get; }

    public void Dispose() => _channel.Dispose();

    /// <summary>
    /// A gRPC error as petal's: an unreachable or broken service is a failed operation; a refusal (bad argument, not
    /// found, denied, exists) is invalid input, since the service stores nothing when it refuses.
    /// </summary>
    public static PetalException Translate(RpcException e, string? host = null) => e.StatusCode switch
    {
        StatusCode.Cancelled => new PetalException(ErrorKind.Cancelled, "cancelled", inner: e),
        StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Internal or StatusCode.Unknown =>
            PetalException.Failed($"garden service{(host is null ? "" : " at " + host)}: {e.Status.Detail}", [], inner: e),
        _ => new PetalException(ErrorKind.InvalidInput, e.Status.Detail, inner: e),
    };
}
