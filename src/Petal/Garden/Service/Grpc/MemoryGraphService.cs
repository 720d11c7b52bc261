using Grpc.Core;
using Petal.Garden.Service.MemoryGraphApi;

namespace Petal.Garden.Service.Grpc;

/// <summary>
/// rainbow's graph pre-check, <c>service.MemoryGraph/Satisfy</c>, answered by petal's matcher over every registered
/// cluster (read-only, no credentials, like rainbow's memory backend). See docs/garden-service.md for what it
/// reveals; <c>garden serve --no-memory-graph</c> leaves it out.
/// </summary>
public sealed class MemoryGraphService(GardenScheduler scheduler) : MemoryGraph.MemoryGraphBase
{
    public override Task<SatisfyResponse> Satisfy(SatisfyRequest request, ServerCallContext context)
    {
        var response = new SatisfyResponse { Status = SatisfyResponse.Types.ResultType.Success };
        response.Clusters.AddRange(scheduler.Satisfy(request.Payload));
        return Task.FromResult(response);
    }

    public override Task<Response> Register(RegisterRequest request, ServerCallContext context) =>
        throw new GardenServiceException(GardenErrorKind.PermissionDenied,
            "the graph is read-only here: register clusters with rainbow.RainbowScheduler/Register (rainbow register) and the registration secret");
}
