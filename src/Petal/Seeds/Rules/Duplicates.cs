using Petal.Common;

namespace Petal.Seeds.Rules;

/// <summary>Finds repeated values in a list; each repeat points back at the first occurrence.</summary>
internal static class Duplicates
{
    public static IEnumerable<(string Path, string Value, string First)> Find(
        IEnumerable<string> values, Func<int, string> pathOf, SeedRuleContext context)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var value in values)
        {
            var path = pathOf(i++);
            if (!context.Has(path)) continue;
            if (seen.TryGetValue(value, out var first))
                yield return (path, value, context.Seed.Locate(first)?.ToString() ?? first);
            else seen[value] = path;
        }
    }
}
