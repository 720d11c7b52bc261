using System.Text.RegularExpressions;
using Petal.Common;

namespace Petal.Spot.Plans;

/// <summary>A placeholder written in a template, and where.</summary>
public sealed record Placeholder(string Name, SourceLocation Location);

/// <summary>
/// A job script with [[VAR]] placeholders. <see cref="LineLocations"/> maps each template line to where
/// it sits in its file, so a placeholder's error points at the exact line and column.
/// </summary>
public sealed partial class JobTemplate(string text, Func<int, int, SourceLocation> locate)
{
    /// <summary>Filled by petal for every iteration: node count and the iteration tag.</summary>
    public static readonly IReadOnlySet<string> BuiltIns = new HashSet<string>(StringComparer.Ordinal) { "NODES", "TAG" };

    public string Text { get; } = text;

    public IReadOnlyList<Placeholder> Placeholders { get; } = Find(text, locate);

    public string Render(IReadOnlyDictionary<string, string> values) =>
        PlaceholderPattern().Replace(Text, m => values.TryGetValue(m.Groups[1].Value, out var v)
            ? v
            : throw new InvalidOperationException($"placeholder [[{m.Groups[1].Value}]] has no value (validation should have caught it)"));

    private static List<Placeholder> Find(string text, Func<int, int, SourceLocation> locate)
    {
        var result = new List<Placeholder>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
            foreach (Match m in PlaceholderPattern().Matches(lines[i]))
                result.Add(new Placeholder(m.Groups[1].Value, locate(i, m.Index)));
        return result;
    }

    [GeneratedRegex(@"\[\[([A-Za-z0-9_]+)\]\]")]
    private static partial Regex PlaceholderPattern();
}
