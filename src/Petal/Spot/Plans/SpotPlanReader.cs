using System.Globalization;
using Petal.Common;
using Petal.Seeds.Yaml;

namespace Petal.Spot.Plans;

public static partial class SpotPlanLoader
{
    /// <summary>Typed reads of plan values that record a located diagnostic instead of throwing.</summary>
    private sealed class Reader(List<Diagnostic> diagnostics)
    {
        public List<Diagnostic> Diagnostics => diagnostics;

        public void Add(Diagnostic d) => diagnostics.Add(d);

        public void Error(string rule, string path, SourceLocation location, string message, string? hint) =>
            diagnostics.Add(new Diagnostic(rule, Severity.Error, message, path, location, hint));

        public void CheckKeys(YMapping m, string path, string[] known)
        {
            foreach (var (key, _) in m.Entries)
                if (!known.Contains(key.Value))
                    Error(SpotPlanRules.UnknownKey, Join(path, key.Value), key.Location, $"unknown key '{key.Value}'",
                        Seeds.DidYouMean.Hint(key.Value, known) ?? $"known keys: {string.Join(", ", known)}");
        }

        private YScalar? Scalar(YMapping m, string key, string path)
        {
            var node = m.Get(key);
            if (node is null || node is YScalar { IsNull: true }) return null;
            if (node is YScalar s) return s;
            Error(SpotPlanRules.Value, Join(path, key), node.Location, $"{key} must be a single value, not {node.Describe()}", null);
            return null;
        }

        public string? String(YMapping m, string key, string path = "") => Scalar(m, key, path)?.Value;

        public string? Name(YMapping m, string key, NamePattern pattern, string path = "")
        {
            if (Scalar(m, key, path) is not { } s) return null;
            if (pattern.IsMatch(s.Value)) return s.Value;
            Error(SpotPlanRules.Value, Join(path, key), s.Location, $"'{s.Value}' is not a valid {key.Replace('_', ' ')}", $"it must match {pattern}{(pattern.MaxLength is { } max ? $", at most {max} characters" : "")}{(pattern.Reserved.Count > 0 ? $", not {string.Join(" or ", pattern.Reserved)}" : "")}");
            return null;
        }

        public int? Int(YMapping m, string key, int min, int max, string path = "")
        {
            if (Scalar(m, key, path) is not { } s) return null;
            if (int.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max) return v;
            Error(SpotPlanRules.Value, Join(path, key), s.Location, $"{key} must be a whole number from {min} to {max}, not {s.Describe()}", null);
            return null;
        }

        public decimal? Decimal(YMapping m, string key, string path = "")
        {
            if (Scalar(m, key, path) is not { } s) return null;
            if (decimal.TryParse(s.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var v) && v > 0) return v;
            Error(SpotPlanRules.Value, Join(path, key), s.Location, $"{key} must be a price above 0 in USD per hour, not {s.Describe()}", "e.g. 1.25");
            return null;
        }

        public bool? Bool(YMapping m, string key, string path = "")
        {
            if (Scalar(m, key, path) is not { } s) return null;
            if (s.Value is "true" or "false") return s.Value == "true";
            Error(SpotPlanRules.Value, Join(path, key), s.Location, $"{key} must be true or false, not {s.Describe()}", null);
            return null;
        }

        public string? OneOf(YMapping m, string key, string[] allowed, string path = "")
        {
            if (Scalar(m, key, path) is not { } s) return null;
            if (allowed.Contains(s.Value)) return s.Value;
            Error(SpotPlanRules.Value, Join(path, key), s.Location, $"{key} must be one of {string.Join(", ", allowed)}, not {s.Describe()}", null);
            return null;
        }

        public T Enum<T>(YMapping m, string key, T fallback, string path = "") where T : struct, System.Enum
        {
            var names = System.Enum.GetNames<T>().Select(n => n.ToLowerInvariant()).ToArray();
            return OneOf(m, key, names, path) is { } v ? System.Enum.Parse<T>(v, ignoreCase: true) : fallback;
        }

        public TimeSpan? Duration(YMapping m, string key, string path = "")
        {
            if (Scalar(m, key, path) is not { } s) return null;
            if (DurationText.TryParse(s.Value, out var d)) return d;
            Error(SpotPlanRules.Value, Join(path, key), s.Location, $"{key} must be a duration such as 90s, 2m or 1h30m, not {s.Describe()}", null);
            return null;
        }

        private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";
    }
}
