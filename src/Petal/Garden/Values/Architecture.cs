namespace Petal.Garden.Values;

/// <summary>
/// One architecture vocabulary: the Go/OCI names rainbow's experiments use (<c>amd64</c>, <c>arm64</c>).
/// EC2's <c>x86_64</c>, and <c>aarch64</c>/<c>x86-64</c>/<c>x64</c>, are normalised to them.
/// </summary>
public static class Architecture
{
    public const string Amd64 = "amd64";
    public const string Arm64 = "arm64";

    public static string Normalize(string arch) => arch.Trim().ToLowerInvariant() switch
    {
        "x86_64" or "x86-64" or "x64" or "amd64" => Amd64,
        "aarch64" or "arm64" or "armv8" => Arm64,
        var other => other,
    };
}
