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
        catch (Petal.Common.PetalException)
        {
            // The store could not be reached (PostgreSQL down, a deadlock victim...): nothing was answered as done,
            // so the client may retry, here or on another replica. Where the database is stays with the operator.
            throw new RpcException(new Status(StatusCode.Unavailable, "the garden's database did not answer; retry"));
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
