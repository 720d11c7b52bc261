using Petal.Garden.Values;

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

/// <summary>A version in a Spack-style inclusive range (<c>1.20:</c>, <c>0.5.1:0.5.5</c>).</summary>
public sealed class VersionPredicate(VersionRange range) : Predicate
{
    public override bool Test(AttributeValue? value, out bool exact)
    {
        exact = false;
        return value?.Version is { } v && range.Contains(v, out exact);
    }

    public override string Explain(string subject, AttributeValue? value) => value?.Version is not { } v
        ? (value is null ? Missing(subject, this) : $"{subject} {value.Text} is not a version (needs {Describe()})")
        : $"{subject} {v} {range.Explain(v)}";

    public override string Describe() => $"@{range.Text}";
}
