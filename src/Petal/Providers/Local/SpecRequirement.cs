namespace Petal.Providers.Local;

/// <summary>
/// What the twin needs from a Spack spec: the package name and whether a host version satisfies the
/// spec's version constraint (Spack's rules: "@12" takes 12.2.0, "@1.2:1.4" is inclusive and takes 1.4.3,
/// "@=1.2" is exact, "@a,b" is a list).
/// </summary>
public sealed class SpecRequirement
{
    private readonly IReadOnlyList<(string? Low, string? High, bool Exact)> _ranges;

    private SpecRequirement(string spec, string name, IReadOnlyList<(string?, string?, bool)> ranges)
    {
        Spec = spec;
        Name = name;
        _ranges = ranges;
    }

    public string Spec { get; }
    public string Name { get; }

    public static SpecRequirement Parse(string spec)
    {
        var text = spec.Trim();
        var end = 0;
        while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is '-' or '_' or '.')) end++;
        var name = text[..end];
        if (name.Contains('.')) name = name[(name.LastIndexOf('.') + 1)..]; // namespace prefix: builtin.gcc
        var ranges = new List<(string?, string?, bool)>();
        // The package's own version is the first @ before any %compiler or ^dependency.
        var own = text[end..];
        var stop = own.IndexOfAny(['%', '^']);
        if (stop >= 0) own = own[..stop];
        var at = own.IndexOf('@');
        if (at >= 0)
        {
            var list = new string(own[(at + 1)..].TakeWhile(c => !char.IsWhiteSpace(c) && c is not '+' and not '~').ToArray());
            foreach (var item in list.Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                if (item.StartsWith('=')) { ranges.Add((item[1..], item[1..], true)); continue; }
                var colon = item.IndexOf(':');
                ranges.Add(colon < 0
                    ? (item, item, false)
                    : (colon == 0 ? null : item[..colon], colon == item.Length - 1 ? null : item[(colon + 1)..], false));
            }
        }
        return new SpecRequirement(spec, name, ranges);
    }

    /// <summary>The version constraint as written, empty when the spec takes any version.</summary>
    public bool AnyVersion => _ranges.Count == 0;

    public bool Accepts(string version) =>
        _ranges.Count == 0 || _ranges.Any(r => r.Exact
            ? Compare(version, r.Low!) == 0
            : (r.Low is null || Compare(version, r.Low) >= 0) && (r.High is null || Compare(version, r.High) <= 0 || IsPrefix(r.High, version)));

    /// <summary>"12" is a prefix of "12.2.0": a constraint on 12 takes every 12.x.</summary>
    private static bool IsPrefix(string prefix, string version) =>
        version == prefix || version.StartsWith(prefix + ".", StringComparison.Ordinal);

    /// <summary>Segment-wise comparison, numbers numerically ("1.20" > "1.9").</summary>
    private static int Compare(string a, string b)
    {
        var x = a.Split('.', '-', '_');
        var y = b.Split('.', '-', '_');
        for (var i = 0; i < Math.Max(x.Length, y.Length); i++)
        {
            if (i >= x.Length) return -1;
            if (i >= y.Length) return 1;
            var c = long.TryParse(x[i], out var m) && long.TryParse(y[i], out var n)
                ? m.CompareTo(n)
                : string.CompareOrdinal(x[i], y[i]);
            if (c != 0) return c;
        }
        return 0;
    }
}
