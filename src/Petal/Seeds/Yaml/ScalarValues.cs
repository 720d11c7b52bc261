using System.Globalization;

namespace Petal.Seeds.Yaml;

/// <summary>YAML 1.2 core-schema resolution of plain scalars (quoted "10" stays a string).</summary>
public static class ScalarValues
{
    public static bool TryInteger(YScalar scalar, out long value)
    {
        value = 0;
        return scalar.Plain
               && scalar.Value.Length is > 0 and <= 19
               && scalar.Value.All(c => c is >= '0' and <= '9' or '-' or '+')
               && long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>A plain decimal number: digits with at most one '.', an optional leading sign (no exponent, no .inf/.nan).</summary>
    public static bool TryNumber(YScalar scalar, out decimal value)
    {
        value = 0;
        var v = scalar.Value;
        return scalar.Plain
               && v.Length is > 0 and <= 28
               && v.TrimStart('-', '+').Length > 0
               && v.All(c => c is >= '0' and <= '9' or '-' or '+' or '.')
               && v.Count(c => c == '.') <= 1
               && decimal.TryParse(v, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    public static bool TryBoolean(YScalar scalar, out bool value)
    {
        value = scalar.Value is "true" or "True" or "TRUE";
        return scalar.Plain && (value || scalar.Value is "false" or "False" or "FALSE");
    }
}
