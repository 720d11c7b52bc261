using System.Globalization;

namespace Petal.Garden.Jobspecs;

/// <summary>Walltimes as Slurm and people write them: minutes ("90"), "HH:MM:SS", "D-HH:MM:SS", or "2h", "30m", "1d", "45s".</summary>
public static class Walltime
{
    /// <summary>The longest walltime a jobspec may ask for (Slurm's own limits are far below; beyond this is a mistake or an attack).</summary>
    public static readonly TimeSpan Max = TimeSpan.FromDays(365);

    /// <summary>False for text that is not a duration, and for one that is negative or longer than <see cref="Max"/>.</summary>
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        if (Seconds(text.Trim()) is not { } s || !double.IsFinite(s) || s < 0 || s > Max.TotalSeconds) return false;
        value = TimeSpan.FromSeconds(s);
        return true;
    }

    private static double? Seconds(string t)
    {
        if (t.Length == 0) return null;
        if (long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)) return minutes * 60.0;
        if (t[^1] is 's' or 'm' or 'h' or 'd' &&
            double.TryParse(t[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
            return n * t[^1] switch { 's' => 1, 'm' => 60, 'h' => 3600, _ => 86400 };
        long days = 0;
        var dash = t.IndexOf('-');
        if (dash > 0)
        {
            if (!long.TryParse(t[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out days)) return null;
            t = t[(dash + 1)..];
        }
        var parts = t.Split(':');
        if (parts.Length is < 2 or > 3) return null;
        var numbers = new long[3];
        for (var i = 0; i < parts.Length; i++)
            if (!long.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[3 - parts.Length + i])) return null;
        return days * 86400.0 + numbers[0] * 3600.0 + numbers[1] * 60.0 + numbers[2];
    }
}
