namespace Petal.Spack;

/// <summary>
/// A variant as parsed (not yet checked against the package): a boolean (<c>+mpi</c>, <c>~mpi</c>,
/// <c>mpi=false</c>) or a value list (<c>precision=float,double</c>, kept sorted and unique as Spack
/// does). <see cref="Propagate"/> is set by <c>++x</c>, <c>~~x</c> and <c>name==value</c>.
/// </summary>
public sealed class SpackVariant
{
    private SpackVariant(string name, bool? boolValue, IReadOnlyList<string> values, bool propagate)
    {
        Name = name;
        BoolValue = boolValue;
        Values = values;
        Propagate = propagate;
    }

    public string Name { get; }

    /// <summary>True/false for a boolean variant, null for a valued one.</summary>
    public bool? BoolValue { get; }

    public bool IsBool => BoolValue is not null;

    /// <summary>The values of a valued variant (sorted, unique); empty for a boolean one.</summary>
    public IReadOnlyList<string> Values { get; }

    public bool Propagate { get; }

    public static SpackVariant Bool(string name, bool value, bool propagate) => new(name, value, [], propagate);

    /// <summary>Spack's _add_flag rule: "true"/"false" in any case are booleans; else a comma list.</summary>
    public static SpackVariant FromValue(string name, string value, bool propagate)
    {
        if (value.Equals("true", StringComparison.OrdinalIgnoreCase)) return Bool(name, true, propagate);
        if (value.Equals("false", StringComparison.OrdinalIgnoreCase)) return Bool(name, false, propagate);
        return new SpackVariant(name, null, SplitValues(value), propagate);
    }

    internal static SpackVariant WithValues(string name, IEnumerable<string> values, bool propagate) =>
        new(name, null, values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray(), propagate);

    /// <summary>re.split(r"\s*,\s*", value), then sorted(set(...)).</summary>
    private static string[] SplitValues(string value)
    {
        if (!value.Contains(',')) return [value];
        var parts = value.Split(',');
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (i > 0) part = part.TrimStart();
            if (i < parts.Length - 1) part = part.TrimEnd();
            parts[i] = part;
        }
        return parts.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The value as Spack's canonical form writes it: <c>+x</c>, <c>~~x</c>, <c>k=v1,v2</c>, <c>k='a b'</c>.</summary>
    public override string ToString()
    {
        if (BoolValue is { } b) return (b ? (Propagate ? "++" : "+") : (Propagate ? "~~" : "~")) + Name;
        return Name + (Propagate ? "==" : "=") + SpecQuoting.QuoteIfNeeded(string.Join(",", Values));
    }
}
