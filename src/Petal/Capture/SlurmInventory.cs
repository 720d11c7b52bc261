using System.Globalization;
using Petal.Common;

namespace Petal.Capture;

/// <summary>One Slurm node as `scontrol show node -o` describes it; CPUs count hardware threads.</summary>
public sealed record SlurmNode(string Name, string Architecture, int Cpus, int Sockets, int CoresPerSocket,
    int ThreadsPerCore, long MemoryMb, int GpuCount, string? GpuModel, IReadOnlyList<string> Features)
{
    public int Cores => Sockets * CoresPerSocket;
}

public sealed record SlurmPartition(string Name, bool IsDefault, IReadOnlyList<SlurmNode> Nodes);

/// <summary>
/// A cluster's Slurm partitions and nodes from `scontrol show partition -o` and `scontrol show node -o` (read with
/// <see cref="SlurmText"/>). Nodes a partition names but `show node` does not list (cloud nodes not yet powered up
/// still are listed; unknown names are not) are left out of its shape but counted.
/// </summary>
public static class SlurmInventory
{
    public const string PartitionCommand = "scontrol show partition -o";
    public const string NodeCommand = "scontrol show node -o";
    private const int MaxNodes = 100_000;

    public static IReadOnlyList<SlurmNode> ParseNodes(string text)
    {
        var nodes = new List<SlurmNode>();
        foreach (var line in text.Split('\n'))
        {
            var f = SlurmText.Fields(line);
            if (!f.TryGetValue("NodeName", out var name)) continue;
            var (gpus, model) = Gpus(f.GetValueOrDefault("Gres", ""));
            var features = f.GetValueOrDefault("AvailableFeatures", f.GetValueOrDefault("Features", ""));
            nodes.Add(new SlurmNode(name, f.GetValueOrDefault("Arch", "x86_64"), Int(f, "CPUTot"), Int(f, "Sockets"),
                Int(f, "CoresPerSocket"), Int(f, "ThreadsPerCore"), Int(f, "RealMemory"), gpus, model,
                features is "(null)" or "" ? [] : features.Split(',')));
            if (nodes.Count >= MaxNodes) break;
        }
        return nodes;
    }

    public static IReadOnlyList<SlurmPartition> ParsePartitions(string text, IReadOnlyList<SlurmNode> nodes)
    {
        var byName = nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);
        var partitions = new List<SlurmPartition>();
        foreach (var line in text.Split('\n'))
        {
            var f = SlurmText.Fields(line);
            if (!f.TryGetValue("PartitionName", out var name)) continue;
            var members = SlurmText.ExpandHostList(f.GetValueOrDefault("Nodes", "(null)"))
                .Take(MaxNodes).Select(n => byName.GetValueOrDefault(n)).OfType<SlurmNode>().ToList();
            partitions.Add(new SlurmPartition(name, f.GetValueOrDefault("Default") == "YES", members));
        }
        return partitions;
    }

    /// <summary>"gpu:a100:2(S:0-1),gpu:1" → (3, "a100"); "(null)" → (0, null).</summary>
    public static (int Count, string? Model) Gpus(string gres)
    {
        var count = 0;
        string? model = null;
        foreach (var item in gres.Split(','))
        {
            var parts = item.Split('(')[0].Split(':');
            if (parts[0] != "gpu") continue;
            if (parts.Length >= 3) model ??= parts[1];
            count += parts.Length >= 2 && int.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 1;
        }
        return (count, model);
    }

    private static int Int(IReadOnlyDictionary<string, string> f, string key) =>
        f.TryGetValue(key, out var v) && int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
}
