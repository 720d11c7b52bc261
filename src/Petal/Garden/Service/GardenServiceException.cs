namespace Petal.Garden.Service;

/// <summary>What went wrong with a request, independent of the transport (mapped to a gRPC status at the edge).</summary>
public enum GardenErrorKind { InvalidArgument, NotFound, PermissionDenied, AlreadyExists, FailedPrecondition }

/// <summary>A request the service refuses; nothing was stored.</summary>
public sealed class GardenServiceException(GardenErrorKind kind, string message) : Exception(message)
{
    public GardenErrorKind Kind { get; } = kind;

    public static GardenServiceException Denied(string what) => new(GardenErrorKind.PermissionDenied, $"request denied: {what}");
}
