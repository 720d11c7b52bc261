namespace Petal.Providers.Aws.Images;

public enum BuildStatus { Pending, Launching, Building, Imaging, Available, Reused, Failed, Cancelled }

/// <summary>
/// The record of one build, kept in the state dir so <c>petal ami status</c> can follow a detached
/// build. Holds resource ids only; never credentials or the script itself.
/// </summary>
public sealed record BuildState
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Fingerprint { get; init; }
    public required string Region { get; init; }
    public BuildTarget Target { get; init; }
    public BuildStatus Status { get; init; } = BuildStatus.Pending;
    public int Percent { get; init; }
    public string Message { get; init; } = "";
    public string? BaseImageId { get; init; }
    public string? InstanceId { get; init; }
    public string? SecurityGroupId { get; init; }
    public string? VolumeId { get; init; }
    public string? ImageId { get; init; }
    public string? SnapshotId { get; init; }
    public string? ScriptObjectKey { get; init; }
    public string? Error { get; init; }
    /// <summary>The background petal process driving a detached build.</summary>
    public int? Pid { get; init; }
    public DateTimeOffset StartedAt { get; init; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; init; } = DateTimeOffset.UtcNow;

    public bool Finished => Status is BuildStatus.Available or BuildStatus.Reused or BuildStatus.Failed or BuildStatus.Cancelled;

    /// <summary>The image or snapshot id the build produced.</summary>
    public string? Artifact => Target == BuildTarget.Snapshot ? SnapshotId : ImageId;

    public static string NewId() => $"b-{DateTime.UtcNow:yyyyMMddHHmmss}-{Guid.NewGuid().ToString("N")[..6]}";
}
