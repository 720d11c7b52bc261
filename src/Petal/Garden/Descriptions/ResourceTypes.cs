using System.Collections.Concurrent;

namespace Petal.Garden.Descriptions;

/// <summary>
/// Interns resource type names ("node", "core", "gpu") to small ids so each vertex can keep the
/// set of types below it as a 64-bit mask: matching skips subtrees that cannot hold what it looks for.
/// </summary>
public static class ResourceTypes
{
    private static readonly ConcurrentDictionary<string, int> Ids = new(StringComparer.OrdinalIgnoreCase);

    public const string Cluster = "cluster";
    public const string Node = "node";
    public const string Core = "core";
    public const string Gpu = "gpu";
    public const string Memory = "memory";
    public const string Slot = "slot";

    public static int Id(string type) => Ids.GetOrAdd(type, _ => Ids.Count);

    /// <summary>The mask bit of a type; types past the 63rd share the top bit (still correct, less pruning).</summary>
    public static ulong Bit(int id) => 1UL << Math.Min(id, 63);

    /// <summary>How a type reads in a reason: "GPU", "cores", "nodes".</summary>
    public static string Display(string type, long count) => type.ToLowerInvariant() switch
    {
        Gpu => count == 1 ? "GPU" : "GPUs",
        Memory => "GiB of memory",
        var t => count == 1 ? t : t + "s",
    };
}
