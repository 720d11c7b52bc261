using Petal.Garden.Values;
using Petal.Seeds.Yaml;

namespace Petal.Garden.Jobspecs;

/// <summary>
/// Turns written values into predicates: <c>x</c> equality, <c>!x</c> negation, a YAML list any-of,
/// and min/max bounds that are versions or numbers (with units) depending on what they look like.
/// </summary>
internal static class PredicateParser
{
    /// <summary>A scalar or list value for <paramref name="field"/>; <paramref name="normalize"/> maps each written value.</summary>
    public static Predicate? FromValue(YamlContext ctx, YNode node, string field, Func<string, string>? normalize = null)
    {
        if (node is YSequence seq)
        {
            var alternatives = seq.Items.Select(c => FromValue(ctx, c, field, normalize)).ToList();
            if (alternatives.Count == 0) { ctx.Error(node, $"{field}: an empty list matches nothing"); return null; }
            return alternatives.Any(a => a is null) ? null : new AnyOfPredicate(alternatives!);
        }
        var text = ctx.Scalar(node, field);
        if (text is null) return null;
        return FromText(text, normalize);
    }

    public static Predicate FromText(string text, Func<string, string>? normalize = null)
    {
        var t = text.Trim();
        if (t.StartsWith('!')) return new NotPredicate(FromText(t[1..], normalize));
        return new EqualsPredicate(normalize is null ? t : normalize(t));
    }

    /// <summary>Inclusive bounds: versions for version-like fields or dotted values, numbers otherwise.</summary>
    public static Predicate? Range(YamlContext ctx, YNode at, string field, string? min, string? max)
    {
        if (UseVersions(field, min, max))
        {
            if (min is not null && AttributeValue.VersionOf(min) is null) { ctx.Error(at, $"{field}: min '{min}' is not a version"); return null; }
            if (max is not null && AttributeValue.VersionOf(max) is null) { ctx.Error(at, $"{field}: max '{max}' is not a version"); return null; }
            if (VersionPredicate.TryParse($"{min?.Trim()}:{max?.Trim()}", out var range, out var error)) return range;
            ctx.Error(at, $"{field}: {error}");
            return null;
        }
        double? lo = null, hi = null;
        if (min is not null) { if (Number(min) is { } n) lo = n; else { ctx.Error(at, $"{field}: min '{min}' is not a number or size (10GB, 16GiB)"); return null; } }
        if (max is not null) { if (Number(max) is { } n) hi = n; else { ctx.Error(at, $"{field}: max '{max}' is not a number or size (10GB, 16GiB)"); return null; } }
        if (lo > hi) { ctx.Error(at, $"{field}: min {min} > max {max}"); return null; }
        return new NumberRangePredicate(lo, hi, min ?? "", max ?? "");
    }

    /// <summary>A size such as "10GB" (a bare number is refused: say GB or GiB).</summary>
    public static double? Size(YamlContext ctx, YNode node, string field)
    {
        var text = ctx.Scalar(node, field);
        if (text is null) return null;
        if (Quantity.TryParseBytes(text, out var bytes) && double.IsFinite(bytes) && bytes >= 0) return bytes;
        ctx.Error(node, Quantity.TryParseNumber(text, out _)
            ? $"{field}: '{text}' has no unit; write e.g. {text}GB (10^9 bytes) or {text}GiB (2^30 bytes)"
            : $"{field}: '{text}' is not a size (10GB, 16GiB, 512MiB)");
        return null;
    }

    private static bool UseVersions(string field, string? min, string? max)
    {
        if (field.Contains("version", StringComparison.OrdinalIgnoreCase) || field.Contains("release", StringComparison.OrdinalIgnoreCase))
            return true;
        foreach (var b in new[] { min, max })
            if (b is not null && Number(b) is null && AttributeValue.VersionOf(b) is not null) return true;
        return false;
    }

    /// <summary>A finite number or size (NaN and infinities compare with nothing).</summary>
    private static double? Number(string text) =>
        Quantity.TryParseNumber(text, out var n) && text.Count(c => c == '.') <= 1 ? double.IsFinite(n) ? n : null
        : Quantity.TryParseBytes(text, out var b) && double.IsFinite(b) ? b : null;
}
