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

    public static bool TryBoolean(YScalar scalar, out bool value)
    {
        value = scalar.Value is "true" or "True" or "TRUE";
        return scalar.Plain && (value || scalar.Value is "false" or "False" or "FALSE");
    }
}
