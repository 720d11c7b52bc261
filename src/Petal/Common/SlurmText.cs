using System.Globalization;

namespace Petal.Common;

/// <summary>
/// What Slurm's client commands print, read the same way wherever petal reads it (spot runs, workload tests, the
/// garden agent): `scontrol -o` records, compact host lists and the job states that are final.
/// </summary>
public static class SlurmText
{
    /// <summary>The job states that are final (bash waiting for a job reads this list too).</summary>
    public static readonly IReadOnlySet<string> FinalStates = new HashSet<string>
        { "COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL", "OUT_OF_MEMORY", "PREEMPTED", "BOOT_FAIL", "DEADLINE" };

    /// <summary>Whether a job in this JobState will not run (again) by itself.</summary>
    public static bool IsFinal(string jobState) => FinalStates.Contains(jobState);

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

    /// <summary>"spot-dy-c5-[1-3,5],gpu-st-g5-1" → each name; "" and "(null)" → none.</summary>
    public static IReadOnlyList<string> ExpandHostList(string list)
    {
        var names = new List<string>();
        if (list is "(null)") return names;
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
}
