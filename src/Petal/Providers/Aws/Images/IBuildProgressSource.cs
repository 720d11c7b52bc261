namespace Petal.Providers.Aws.Images;

/// <summary>Where the progress of a build instance's script is read from.</summary>
public interface IBuildProgressSource
{
    Task<BuildProgress> ReadAsync(string instanceId, CancellationToken cancellation);
}
