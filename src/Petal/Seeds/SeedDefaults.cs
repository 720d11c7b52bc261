namespace Petal.Seeds;

/// <summary>The defaults a seed gets for what it leaves out. Documented in docs/seed-format.md.</summary>
public static class SeedDefaults
{
    public const string Os = "alinux2023";
    /// <summary>The ParallelCluster 3 release petal renders for (its schema rules are pinned to it).</summary>
    public const string ParallelClusterVersion = Pcluster.PclusterFacts.PinnedVersion;
    /// <summary>The Spack release petal clones; its spec grammar is what the parser follows.</summary>
    public const string SpackVersion = "0.23.1";
    public const int MaxCount = 10;
}
