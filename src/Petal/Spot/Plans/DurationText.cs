using System.Globalization;
using System.Text.RegularExpressions;

namespace Petal.Spot.Plans;

/// <summary>Durations as people write them: "90s", "5m", "1h30m", "2h".</summary>
public static partial class DurationText
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var m = Pattern().Match(text.Trim());
        if (!m.Success || text.Trim().Length == 0) return false;
        double Part(string g) => m.Groups[g].Success ? double.Parse(m.Groups[g].Value, CultureInfo.InvariantCulture) : 0;
        duration = TimeSpan.FromHours(Part("h")) + TimeSpan.FromMinutes(Part("m")) + TimeSpan.FromSeconds(Part("s"));
        return duration > TimeSpan.Zero;
    }

    public static string Format(TimeSpan d) =>
        d.TotalHours >= 1 ? $"{(int)d.TotalHours}h{d.Minutes:00}m" : d.TotalMinutes >= 1 ? $"{(int)d.TotalMinutes}m{d.Seconds:00}s" : $"{d.TotalSeconds:0.#}s";

    [GeneratedRegex(@"^(?:(?<h>[0-9]+(?:\.[0-9]+)?)h)?(?:(?<m>[0-9]+(?:\.[0-9]+)?)m)?(?:(?<s>[0-9]+(?:\.[0-9]+)?)s)?\z")]
    private static partial Regex Pattern();
}
