using Amazon.EC2.Model;

namespace Petal.Providers.Aws;

/// <summary>The tag keys petal puts on what it creates, so it can find (and remove) exactly its own resources.</summary>
public static class PetalTags
{
    public const string Managed = "petal:managed";
    public const string BuildId = "petal:build-id";
    public const string Cluster = "petal:cluster";
    public const string Fingerprint = "petal:fingerprint";
    public const string Os = "petal:os";
    public const string SpackVersion = "petal:spack-version";
    public const string Packages = "petal:packages";
    public const string PetalVersion = "petal:version";
    public const string Layout = "petal:layout";
    /// <summary>Updated by the build script (same grammar as its console lines) when the instance may tag itself.</summary>
    public const string Progress = "petal:progress";

    /// <summary>
    /// petal's own tags followed by the seed's cost-allocation tags (docs/seed-format.md "Production fields"). petal's keys
    /// win: deletion finds resources by them, so a seed tag of the same key (e.g. Name) is left out.
    /// </summary>
    public static List<KeyValuePair<string, string>> WithSeedTags(IEnumerable<KeyValuePair<string, string>> own, IEnumerable<Seeds.SeedTag> seed)
    {
        var list = own.ToList();
        var keys = list.Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
        list.AddRange(seed.Where(t => keys.Add(t.Key)).Select(t => KeyValuePair.Create(t.Key, t.Value)));
        return list;
    }

    /// <summary>AWS allows at most 256 characters in a tag value.</summary>
    public static string Value(string value) => value.Length <= 256 ? value : value[..255] + "…";

    public static List<Tag> List(IEnumerable<KeyValuePair<string, string>> tags) =>
        tags.Select(t => new Tag(t.Key, Value(t.Value))).ToList();

    public static TagSpecification Spec(string resourceType, IEnumerable<KeyValuePair<string, string>> tags) =>
        new() { ResourceType = resourceType, Tags = List(tags) };

    public static Filter Filter(string key, string value) => new($"tag:{key}", [value]);

    public static string PetalAssemblyVersion =>
        typeof(PetalTags).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
