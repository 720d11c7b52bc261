using Petal.Common;

namespace Petal.Spot.Runs;

/// <summary>A node as `scontrol show nodes -o` reports it: name, address (the instance's private IP on ParallelCluster), state, partitions.</summary>
public sealed record SlurmNode(string Name, string Address, string State, IReadOnlyList<string> Partitions)
{
    private static readonly string[] DownStates = ["DOWN", "FUTURE", "UNKNOWN"];
    private static readonly string[] AwayFlags = ["POWERED_DOWN", "POWERING_UP", "POWERING_DOWN", "POWER_DOWN", "DRAIN", "FAIL", "NOT_RESPONDING"];

    /// <summary>Up: a running instance whose slurmd answers; not powered down or powering up/down, down, drained, failed or unresponsive.</summary>
    public bool Up
    {
        get
        {
            var parts = State.Split('+');
            return !DownStates.Contains(parts[0]) && !parts.Skip(1).Any(AwayFlags.Contains);
        }
    }

    /// <summary>Every node of `scontrol show nodes -o` (one line each).</summary>
    public static IReadOnlyList<SlurmNode> ParseAll(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(SlurmText.Fields)
            .Where(f => f.ContainsKey("NodeName"))
            .Select(f => new SlurmNode(f["NodeName"], f.GetValueOrDefault("NodeAddr", f["NodeName"]), f.GetValueOrDefault("State", "UNKNOWN"),
                f.GetValueOrDefault("Partitions", "").Split(',', StringSplitOptions.RemoveEmptyEntries)))
            .ToList();
}
