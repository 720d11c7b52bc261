namespace Petal.Providers.Aws.Images;

/// <summary>Timing of a build. Tests shorten the intervals; the defaults suit real EC2.</summary>
public sealed record ImageBuildOptions
{
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(15);
    /// <summary>How long the build script may run before the build is abandoned (and cleaned up).</summary>
    public TimeSpan BuildTimeout { get; init; } = TimeSpan.FromHours(4);
    /// <summary>How long an instance, volume, image or snapshot may take to reach the next state.</summary>
    public TimeSpan StateTimeout { get; init; } = TimeSpan.FromMinutes(45);
}
