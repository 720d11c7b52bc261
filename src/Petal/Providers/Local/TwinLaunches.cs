using System.Globalization;

namespace Petal.Providers.Local;

/// <summary>What a running dynamic node launched as, and when (launch-type.sh's record).</summary>
public sealed record NodeLaunch(string InstanceType, DateTimeOffset LaunchedAt)
{
    /// <summary>"c5.large 2025-01-31T12:00:00Z" → the launch; null for anything else.</summary>
    public static NodeLaunch? Parse(string text) =>
        text.Trim().Split(' ') is [var type, var time] && type.Length > 0
        && DateTimeOffset.TryParseExact(time, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? new NodeLaunch(type, at)
            : null;
}

/// <summary>
/// The twin's emulated EC2 fleets, one per dynamic compute resource (<see cref="NodeNaming.Fleet"/>): petal writes
/// each fleet's types in launch order; at each power-up launch-type.sh (<see cref="TwinScripts.LaunchType"/>) takes
/// the next one round-robin and records it for the node until it powers down.
/// </summary>
public static class TwinLaunches
{
    /// <summary>Writes the type lists of the fleets of the dynamic <paramref name="nodes"/>; their next launch takes the first type again.</summary>
    public static void Configure(TwinLayout t, IEnumerable<TwinNode> nodes)
    {
        Directory.CreateDirectory(t.LaunchTypesDir);
        Directory.CreateDirectory(t.LaunchDir);
        foreach (var fleet in nodes.Where(n => !n.IsStatic).GroupBy(n => NodeNaming.Fleet(n.Queue, n.ComputeResource)))
        {
            var file = t.LaunchTypesFile(fleet.Key);
            File.WriteAllText(file + ".tmp", string.Join('\n', fleet.First().InstanceTypes) + "\n");
            File.Move(file + ".tmp", file, overwrite: true);
            File.Delete(t.LaunchCounter(fleet.Key));
        }
    }

    /// <summary>Node → what it launched as, for the dynamic nodes running now (a record goes when its node powers down).</summary>
    public static IReadOnlyDictionary<string, NodeLaunch> Read(TwinLayout t)
    {
        var launches = new Dictionary<string, NodeLaunch>();
        if (!Directory.Exists(t.LaunchDir)) return launches;
        foreach (var file in Directory.EnumerateFiles(t.LaunchDir, "*.launched"))
        {
            string text;
            try { text = File.ReadAllText(file); }
            catch (FileNotFoundException) { continue; } // powered down meanwhile
            if (NodeLaunch.Parse(text) is { } launch) launches[Path.GetFileNameWithoutExtension(file)] = launch;
        }
        return launches;
    }
}
