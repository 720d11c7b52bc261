using Grpc.Net.Client;
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
}
