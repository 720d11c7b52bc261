using Petal.Garden.Values;
using Petal.Spack;

namespace Petal.Garden.Jobspecs;

/// <summary>
/// A test on one metadata value. <c>exact</c> tells grading whether the value is what was asked
/// for (equality, the first of an any-of, a version on the range's lower bound) or only compatible.
/// </summary>
public abstract class Predicate
{
    /// <param name="value">null when the vertex does not have the field.</param>
    public abstract bool Test(AttributeValue? value, out bool exact);

    /// <summary>Why <paramref name="value"/> fails, as "arch arm64 ≠ amd64".</summary>
    public abstract string Explain(string subject, AttributeValue? value);

    /// <summary>What is asked, as "= amd64", "≥ 1.20", "any of [a, b]".</summary>
    public abstract string Describe();

    public override string ToString() => Describe();

    protected static string Missing(string subject, Predicate p) => $"{subject} unknown (needs {p.Describe()})";
}

/// <summary>Equality: case-insensitive text, or numbers/sizes when both sides are numeric (10GB = 10000MB).</summary>
public sealed class EqualsPredicate(string expected) : Predicate
{
    private readonly AttributeValue _expected = new(expected);

    public string Expected => expected;

    public override bool Test(AttributeValue? value, out bool exact)
    {
        exact = true;
        if (value is null) return false;
        if (string.Equals(value.Text, expected, StringComparison.OrdinalIgnoreCase)) return true;
        return value.Number is { } a && _expected.Number is { } b && a == b && value.Version is null == _expected.Version is null;
    }

    public override string Explain(string subject, AttributeValue? value) =>
        value is null ? Missing(subject, this) : $"{subject} {value.Text} ≠ {expected}";

    public override string Describe() => $"= {expected}";
}

/// <summary>Any of several alternatives; matching a later one is only compatible (the list is a preference order).</summary>
public sealed class AnyOfPredicate(IReadOnlyList<Predicate> alternatives) : Predicate
{
    public override bool Test(AttributeValue? value, out bool exact)
    {
        for (var i = 0; i < alternatives.Count; i++)
            if (alternatives[i].Test(value, out var e)) { exact = e && i == 0; return true; }
        exact = false;
        return false;
    }

    public override string Explain(string subject, AttributeValue? value) =>
        value is null ? Missing(subject, this) : $"{subject} {value.Text} is not {Describe()}";

    public override string Describe() => "any of [" + string.Join(", ", alternatives.Select(Short)) + "]";

    private static string Short(Predicate p) => p is EqualsPredicate e ? e.Expected : p.Describe();
}

/// <summary>Negation: a missing field satisfies "not X".</summary>
public sealed class NotPredicate(Predicate inner) : Predicate
{
    public override bool Test(AttributeValue? value, out bool exact)
    {
        exact = true;
        return !inner.Test(value, out _);
    }

    public override string Explain(string subject, AttributeValue? value) =>
        $"{subject} {value?.Text} is excluded ({Describe()})";

    public override string Describe() => "not " + (inner is EqualsPredicate e ? e.Expected : inner.Describe());
}

/// <summary>An inclusive numeric range (sizes in bytes when written with units).</summary>
public sealed class NumberRangePredicate(double? min, double? max, string minText, string maxText) : Predicate
{
    public double? Min => min;

    public override bool Test(AttributeValue? value, out bool exact)
    {
        exact = true;
        return value?.Number is { } n && (min is null || n >= min) && (max is null || n <= max);
    }

    public override string Explain(string subject, AttributeValue? value) => value?.Number is not { } n
        ? Missing(subject, this)
        : min is not null && n < min ? $"{subject} {value.Text} < {minText}" : $"{subject} {value.Text} > {maxText}";

    public override string Describe() => (min, max) switch
    {
        (not null, null) => $"≥ {minText}",
        (null, not null) => $"≤ {maxText}",
        _ => $"in [{minText}, {maxText}]",
    };
}

/// <summary>
/// A version in a Spack version list (<c>1.20:</c>, <c>0.5.1:0.5.5</c>, <c>1.2,1.4</c>): inclusive ranges with Spack's
/// prefix semantics (<c>:1.18</c> holds 1.18.3). Exact when the version sits on a lower bound (1.20.14 for
/// <c>1.20:</c>) or the range has none; a newer version is only compatible.
/// </summary>
public sealed class VersionPredicate : Predicate
{
    private readonly VersionList _versions;
    private readonly string _text;
    /// <summary>Per item of the list, the versions that count as "on the lower bound" (null: every version).</summary>
    private readonly VersionList?[] _lowerBounds;

    public VersionPredicate(VersionList versions)
    {
        _versions = versions;
        _text = versions.ToString();
        _lowerBounds = versions.Items.Select(i => i.IsExact || i.Lo is null ? null : VersionList.Parse(i.Lo.Text)).ToArray();
    }

    /// <summary>Parses Spack's version-list syntax; false with the reason when it is not one or is empty.</summary>
    public static bool TryParse(string text, out VersionPredicate predicate, out string? error)
    {
        predicate = null!;
        error = null;
        try
        {
            predicate = new VersionPredicate(VersionList.Parse(text.Trim()));
            return true;
        }
        catch (FormatException e)
        {
            error = e.Message;
            return false;
        }
    }

    public override bool Test(AttributeValue? value, out bool exact)
    {
        exact = false;
        if (value?.Version is not { } v) return false;
        var items = _versions.Items;
        for (var i = 0; i < items.Count; i++)
        {
            if (!items[i].Contains(v)) continue;
            exact = _lowerBounds[i]?.Contains(v) ?? true;
            return true;
        }
        return false;
    }

    public override string Explain(string subject, AttributeValue? value) => value?.Version is not { } v
        ? (value is null ? Missing(subject, this) : $"{subject} {value.Text} is not a version (needs {Describe()})")
        : $"{subject} {v} {Outside(v)}";

    /// <summary>Why <paramref name="v"/> is outside: "&lt; 1.20", "&gt; 1.18", or "not in 1.2,1.4".</summary>
    private string Outside(SpackVersion v)
    {
        if (_versions.Items is [{ IsExact: false } only])
        {
            if (only.Lo is not null && v < only.Lo) return $"< {only.Lo}";
            if (only.Hi is not null) return $"> {only.Hi}";
        }
        return $"not in {_text}";
    }

    public override string Describe() => $"@{_text}";
}
