using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Petal.Garden.Service.Grpc;

/// <summary>Turns the service's refusals into gRPC statuses with their message (never a stack trace).</summary>
public sealed class GardenErrorInterceptor : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request,
        ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (GardenServiceException e)
        {
            throw new RpcException(new Status(StatusOf(e.Kind), e.Message));
        }
    }

    public static StatusCode StatusOf(GardenErrorKind kind) => kind switch
    {
        GardenErrorKind.InvalidArgument => StatusCode.InvalidArgument,
        GardenErrorKind.NotFound => StatusCode.NotFound,
        GardenErrorKind.PermissionDenied => StatusCode.PermissionDenied,
        GardenErrorKind.AlreadyExists => StatusCode.AlreadyExists,
        GardenErrorKind.FailedPrecondition => StatusCode.FailedPrecondition,
        _ => StatusCode.Internal,
    };
}
