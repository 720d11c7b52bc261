using System.Globalization;

namespace Petal.Spot.Runs;

/// <summary>Parses `scontrol show job -o ID` (one line of Key=Value pairs) and Slurm's compact host lists.</summary>
public static class SlurmJobParser
{
    public static SpotJob? Parse(string id, string line)
    {
        var fields = Fields(line);
        if (!fields.TryGetValue("JobState", out var state)) return null;
        return new SpotJob(id, state,
            fields.TryGetValue("NodeList", out var nodes) && nodes != "(null)" ? ExpandHostList(nodes) : [],
            Time(fields.GetValueOrDefault("StartTime")), Time(fields.GetValueOrDefault("EndTime")),
            int.TryParse(fields.GetValueOrDefault("Restarts"), out var r) ? r : 0);
    }

    /// <summary>
    /// The Key=Value pairs of one `scontrol -o` line. Values with spaces (OS=, Reason=) leave words without '='
    /// behind, which are skipped; the first occurrence of a key wins, so they cannot shadow a real field.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Fields(string line)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in line.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            if (eq > 0) fields.TryAdd(pair[..eq], pair[(eq + 1)..]);
        }
        return fields;
    }

    /// <summary>"spot-dy-c5-[1-3,5],gpu-st-g5-1" → each name.</summary>
    public static IReadOnlyList<string> ExpandHostList(string list)
    {
        var names = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i <= list.Length; i++)
        {
            if (i < list.Length && list[i] == '[') depth++;
            else if (i < list.Length && list[i] == ']') depth--;
            else if (i == list.Length || (list[i] == ',' && depth == 0))
            {
                var part = list[start..i];
                start = i + 1;
                var open = part.IndexOf('[');
                if (open < 0) { if (part.Length > 0) names.Add(part); continue; }
                var prefix = part[..open];
                foreach (var range in part[(open + 1)..^1].Split(','))
                {
                    var bounds = range.Split('-');
                    var width = bounds[0].Length;
                    var from = int.Parse(bounds[0], CultureInfo.InvariantCulture);
                    var to = bounds.Length > 1 ? int.Parse(bounds[1], CultureInfo.InvariantCulture) : from;
                    for (var n = from; n <= to; n++) names.Add(prefix + n.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0'));
                }
            }
        }
        return names;
    }

    private static DateTimeOffset? Time(string? text) =>
        text is { Length: > 0 } && DateTime.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var t)
            ? new DateTimeOffset(t)
            : null;
}
