namespace Petal.Garden.Values;

/// <summary>
/// An inclusive version range in Spack's notation: <c>1.20</c> (1.20 and every 1.20.x), <c>1.20:</c>,
/// <c>:1.18</c> (up to and including every 1.18.x), <c>1.15:1.18</c>, or a comma-separated union.
/// </summary>
public sealed class VersionRange
{
    private readonly (GardenVersion? Low, GardenVersion? High)[] _parts;

    private VersionRange(string text, (GardenVersion?, GardenVersion?)[] parts)
    {
        Text = text;
        _parts = parts;
    }

    public string Text { get; }

    public static VersionRange Between(GardenVersion? low, GardenVersion? high) =>
        new($"{low}:{high}", [(low, high)]);

    public static bool TryParse(string text, out VersionRange range, out string? error)
    {
        range = null!;
        error = null;
        var parts = new List<(GardenVersion?, GardenVersion?)>();
        foreach (var raw in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var colon = raw.IndexOf(':');
            string lowText = colon < 0 ? raw : raw[..colon], highText = colon < 0 ? raw : raw[(colon + 1)..];
            GardenVersion? low = null, high = null;
            if (lowText.Length > 0 && !GardenVersion.TryParse(lowText, out low!))
            { error = $"'{lowText}' is not a version"; return false; }
            if (highText.Length > 0 && !GardenVersion.TryParse(highText, out high!))
            { error = $"'{highText}' is not a version"; return false; }
            if (low is null && high is null) { error = "empty version range"; return false; }
            if (low is not null && high is not null && low.CompareTo(high) > 0 && !high.IsPrefixOf(low))
            { error = $"range {raw} is empty: {low} > {high}"; return false; }
            parts.Add((low, high));
        }
        range = new VersionRange(text, parts.ToArray());
        return true;
    }

    /// <summary>True when <paramref name="v"/> is in the range; <paramref name="exact"/> when it sits on a
    /// lower bound (1.20.14 for <c>1.20:</c>) or the range has no lower bound.</summary>
    public bool Contains(GardenVersion v, out bool exact)
    {
        foreach (var (low, high) in _parts)
        {
            var aboveLow = low is null || v.CompareTo(low) >= 0;
            var belowHigh = high is null || v.CompareTo(high) <= 0 || high.IsPrefixOf(v);
            if (!aboveLow || !belowHigh) continue;
            exact = low is null || low.IsPrefixOf(v);
            return true;
        }
        exact = false;
        return false;
    }

    /// <summary>Why <paramref name="v"/> is outside: "&lt; 1.20", "&gt; 1.18", or "not in 1.2,1.4".</summary>
    public string Explain(GardenVersion v)
    {
        if (_parts.Length == 1)
        {
            var (low, high) = _parts[0];
            if (low is not null && v.CompareTo(low) < 0) return $"< {low}";
            if (high is not null) return $"> {high}";
        }
        return $"not in {Text}";
    }

    public override string ToString() => Text;
}
