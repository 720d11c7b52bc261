using System.Globalization;
using Petal.Common;
using Petal.Providers.Aws.Clusters;
using Petal.Providers.Aws.Images;

namespace Petal.Providers.Aws;

/// <summary>
/// Polling of AWS and pcluster. The defaults suit real EC2 (minutes per step); PETAL_AWS_POLL_INTERVAL
/// (seconds, e.g. 0.05) shortens every wait, which is how the CLI runs against an emulator.
/// </summary>
public static class AwsTimings
{
    public const string PollVariable = "PETAL_AWS_POLL_INTERVAL";

    /// <summary>The interval set through <see cref="PollVariable"/>, or null.</summary>
    public static TimeSpan? PollOverride(Func<string, string?>? environment = null)
    {
        var text = (environment ?? Environment.GetEnvironmentVariable)(PollVariable);
        if (string.IsNullOrEmpty(text)) return null;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and <= 3600
            ? TimeSpan.FromSeconds(seconds)
            : throw new UserInputException($"{PollVariable}={text}: expected seconds between 0 and 3600 (e.g. 0.5)");
    }

    public static ImageBuildOptions Build() =>
        PollOverride() is { } poll ? new ImageBuildOptions { PollInterval = poll } : new ImageBuildOptions();

    public static ClusterLifecycleOptions Clusters() =>
        PollOverride() is { } poll ? new ClusterLifecycleOptions { PollInterval = poll } : new ClusterLifecycleOptions();
}
