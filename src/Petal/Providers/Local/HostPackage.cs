using System.Text.Json;
using System.Text.Json.Serialization;

namespace Petal.Providers.Local;

/// <summary>
/// A Debian package the twin can serve in place of a Spack package (HostPackages.json). Binaries are
/// "name" (linked to /usr/bin/name) or "link=target" (a module binary under another name).
/// </summary>
public sealed record HostPackageInfo(
    [property: JsonPropertyName("spack")] string Spack,
    [property: JsonPropertyName("debian")] string Debian,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("binaries")] IReadOnlyList<string> Binaries,
    [property: JsonPropertyName("family")] string? Family = null)
{
    private static readonly Lazy<IReadOnlyList<HostPackageInfo>> Table = new(() =>
    {
        using var stream = typeof(HostPackageInfo).Assembly.GetManifestResourceStream("Petal.Providers.Local.HostPackages.json")
            ?? throw new InvalidOperationException("HostPackages.json is not embedded");
        return JsonSerializer.Deserialize<List<HostPackageInfo>>(stream)!;
    });

    public static IReadOnlyList<HostPackageInfo> All => Table.Value;

    /// <summary>(name in the module's bin/, name in /usr/bin).</summary>
    public IEnumerable<(string Link, string Target)> BinaryLinks =>
        Binaries.Select(b => b.Split('=', 2) is [var link, var target] ? (link, target) : (b, b));
}

/// <summary>A host package as installed here: its upstream version (null when not installed) and the binaries present.</summary>
public sealed record HostPackage(HostPackageInfo Info, string? Version, IReadOnlyList<(string Link, string Target)> Binaries);
