using Petal.Catalog;

namespace Petal.Plans;

/// <summary>
/// The Spack microarchitecture target software is built for, chosen so Spack 0.23's public buildcache has
/// binaries for it and the instance family runs them. The 0.23 release stacks (share/spack/gitlab/
/// cloud_pipelines/stacks) build for x86_64_v3 (e4s and most x86 stacks), x86_64_v4 (aws-pcluster-x86_64_v4),
/// neoverse_n1 (aws-pcluster-neoverse_n1), neoverse_v1 (e4s-neoverse_v1, aws-pcluster-neoverse_v1) and
/// neoverse_v2 (e4s-neoverse-v2). A family gets the newest of those it can run: AVX-512 x86 (Intel Skylake and
/// later, AMD Zen 4) x86_64_v4, other AVX2 x86 x86_64_v3, Graviton2/3/4 neoverse_n1/v1/v2; families older than
/// those get the generic x86_64 / aarch64, which the cache does not hold (built from source).
/// </summary>
public static class SpackTargets
{
    /// <summary>Each architecture's targets, oldest first: a node runs its own target and every one before it.</summary>
    private static readonly IReadOnlyDictionary<string, string[]> Ladders = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["x86_64"] = ["x86_64", "x86_64_v3", "x86_64_v4"],
        ["aarch64"] = ["aarch64", "neoverse_n1", "neoverse_v1", "neoverse_v2"],
    };

    /// <summary>Targets the Spack 0.23 public buildcache holds binaries for.</summary>
    public static readonly IReadOnlySet<string> Cached = new HashSet<string>(StringComparer.Ordinal)
        { "x86_64_v3", "x86_64_v4", "neoverse_n1", "neoverse_v1", "neoverse_v2" };

    /// <summary>The newest cached target <paramref name="instanceType"/> runs (see the class summary).</summary>
    public static string For(string instanceType, ICatalog catalog)
    {
        var family = instanceType.Split('.')[0];
        var digit = family.IndexOfAny("0123456789".ToCharArray());
        var generation = digit >= 0 ? family[digit] - '0' : 0;
        if (Architectures.SpackTarget(instanceType, catalog) == "aarch64")
            return family == "t4g" || family.StartsWith("im4g", StringComparison.Ordinal) || family.StartsWith("is4g", StringComparison.Ordinal)
                ? "neoverse_n1"
                : generation switch { 6 or 5 or 2 => "neoverse_n1", 7 => "neoverse_v1", >= 8 => "neoverse_v2", _ => "aarch64" };
        var amd = catalog.Find(instanceType)?.CpuManufacturer?.Contains("AMD", StringComparison.OrdinalIgnoreCase)
            ?? (digit >= 0 && digit + 1 < family.Length && family[digit + 1] == 'a');
        if (PreAvx2.Contains(family)) return "x86_64";
        if (amd) return generation >= 7 ? "x86_64_v4" : "x86_64_v3";
        return generation >= 5 || Avx512Before5.Contains(family) ? "x86_64_v4" : "x86_64_v3";
    }

    /// <summary>x86 families without AVX2 (Sandy/Ivy Bridge and older).</summary>
    private static readonly HashSet<string> PreAvx2 = new(StringComparer.Ordinal) { "c1", "c3", "cc2", "cr1", "d2", "g2", "hs1", "i2", "m1", "m2", "m3", "r3", "t1" };

    /// <summary>Intel families with AVX-512 (Skylake or later) named before generation 5.</summary>
    private static readonly HashSet<string> Avx512Before5 = new(StringComparer.Ordinal) { "d3", "d3en", "i3en", "t3", "z1d" };

    /// <summary>The newest target every one of <paramref name="targets"/> runs (one architecture's).</summary>
    public static string Common(IEnumerable<string> targets)
    {
        var all = targets.Distinct(StringComparer.Ordinal).ToList();
        var ladder = Ladders.Values.First(l => l.Contains(all[0]));
        // A queue mixing architectures is warned about by the planner; its other architecture's types are left out here.
        var list = all.Where(ladder.Contains).ToList();
        var lowest = list.Min(t => Array.IndexOf(ladder, t));
        // neoverse_v2 descends from neoverse_n1, not from neoverse_v1: a mix of v1 and v2 shares n1 only.
        if (list.Contains("neoverse_v1") && list.Contains("neoverse_v2")) lowest = Math.Min(lowest, Array.IndexOf(ladder, "neoverse_n1"));
        return ladder[lowest];
    }
}
