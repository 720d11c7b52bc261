using Petal.Garden.Descriptions;
using Petal.Tests.Support;

namespace Petal.Tests.Garden;

/// <summary>The rainbow conformance corpus (tests/corpora/rainbow) loaded as garden clusters.</summary>
internal static class RainbowFixtures
{
    public static string Dir => RepoPaths.RainbowConformance;

    public static string Read(string relative) => File.ReadAllText(Path.Combine(Dir, relative));

    /// <summary>keebler: 3 nodes × 12 cores; with <paramref name="io"/> the io subsystem is linked.</summary>
    public static ClusterDescription Keebler(bool io = true) => JgfReader.Read("keebler", Read("scheduler/cluster-nodes.json"),
        io ? new Dictionary<string, string> { ["io"] = Read("scheduler/cluster-io-subsystem.json") } : null);

    public static ClusterDescription SpackBuilder() => JgfReader.Read("spack-builder", Read("range/cluster-nodes.json"),
        new Dictionary<string, string> { ["spack"] = Read("range/spack-subsystem.json") });
}
