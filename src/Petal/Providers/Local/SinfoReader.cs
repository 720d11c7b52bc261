using System.Text.Json;

namespace Petal.Providers.Local;

/// <summary>Node states from <c>sinfo --json</c> (Slurm 22.05's OpenAPI v0.0.38 shape: nodes[].name, .state, .state_flags).</summary>
public static class SinfoReader
{
    public static async Task<IReadOnlyDictionary<string, string>> ReadAsync(TwinLayout t, CancellationToken cancellation)
    {
        var r = await ProcessRunner.RunAsync("sinfo", ["--json"], DaemonSupervisor.SlurmEnvironment(t), cancellation);
        return r.ExitCode == 0 ? Parse(r.Stdout) : new Dictionary<string, string>();
    }

    /// <summary>"idle" plus lowercase flags: "idle+cloud+powered_down".</summary>
    public static IReadOnlyDictionary<string, string> Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var states = new Dictionary<string, string>();
        if (!doc.RootElement.TryGetProperty("nodes", out var nodes)) return states;
        foreach (var node in nodes.EnumerateArray())
        {
            var name = node.GetProperty("name").GetString() ?? "";
            var state = node.TryGetProperty("state", out var s) ? s.ToString().ToLowerInvariant() : "unknown";
            if (node.TryGetProperty("state_flags", out var flags) && flags.ValueKind == JsonValueKind.Array)
                state += string.Concat(flags.EnumerateArray().Select(f => "+" + f.GetString()?.ToLowerInvariant()));
            states[name] = state;
        }
        return states;
    }
}
