using Petal.Common;

namespace Petal.Catalog.Refresh;

/// <summary>
/// Where `petal catalog refresh` keeps what it fetched: one file per region,
/// <c>&lt;cache&gt;/catalog/&lt;region&gt;.bin.gz</c>, in the embedded resource's format.
/// </summary>
public static class CatalogCache
{
    private const string Suffix = ".bin.gz";

    public static string Directory => Path.Combine(PetalPaths.CacheDir, "catalog");

    public static string FileFor(string cacheDirectory, string region) => Path.Combine(cacheDirectory, region + Suffix);

    public static void Write(string cacheDirectory, string region, CatalogData data)
    {
        System.IO.Directory.CreateDirectory(cacheDirectory);
        var target = FileFor(cacheDirectory, region);
        var temporary = target + ".tmp";
        File.WriteAllBytes(temporary, CatalogCodec.EncodeGzip(data));
        File.Move(temporary, target, overwrite: true);
    }

    /// <summary>Every cache file in <paramref name="cacheDirectory"/>, by region name; none when it does not exist.</summary>
    public static IEnumerable<(string Region, CatalogData Data)> ReadAll(string? cacheDirectory)
    {
        if (cacheDirectory is null || !System.IO.Directory.Exists(cacheDirectory)) yield break;
        foreach (var file in System.IO.Directory.EnumerateFiles(cacheDirectory, "*" + Suffix).Order(StringComparer.Ordinal))
        {
            var region = Path.GetFileName(file)[..^Suffix.Length];
            yield return (region, Read(file, region));
        }
    }

    private static CatalogData Read(string file, string region)
    {
        try
        {
            using var stream = File.OpenRead(file);
            return CatalogCodec.DecodeGzip(stream);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            throw new InvalidDataException(
                $"{file} is not a readable catalog cache ({e.Message}); delete it or run `petal catalog refresh --region {region}` again", e);
        }
    }
}
