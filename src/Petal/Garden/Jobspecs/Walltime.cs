using System.Globalization;

namespace Petal.Garden.Jobspecs;

/// <summary>Walltimes as Slurm and people write them: minutes ("90"), "HH:MM:SS", "D-HH:MM:SS", or "2h", "30m", "1d", "45s".</summary>
public static class Walltime
{
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        var t = text.Trim();
        if (t.Length == 0) return false;
        if (int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes))
        { value = TimeSpan.FromMinutes(minutes); return true; }
        if (t[^1] is 's' or 'm' or 'h' or 'd' &&
            double.TryParse(t[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 0)
        {
            value = t[^1] switch { 's' => TimeSpan.FromSeconds(n), 'm' => TimeSpan.FromMinutes(n), 'h' => TimeSpan.FromHours(n), _ => TimeSpan.FromDays(n) };
            return true;
        }
        var days = 0;
        var dash = t.IndexOf('-');
        if (dash > 0)
        {
            if (!int.TryParse(t[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out days)) return false;
            t = t[(dash + 1)..];
        }
        var parts = t.Split(':');
        if (parts.Length is < 2 or > 3) return false;
        var numbers = new int[3];
        for (var i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[3 - parts.Length + i])) return false;
        value = new TimeSpan(days, numbers[0], numbers[1], numbers[2]);
        return true;
    }
}
