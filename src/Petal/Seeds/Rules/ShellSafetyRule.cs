using Petal.Common;

namespace Petal.Seeds.Rules;

/// <summary>
/// Spack specs are written into bootstrap scripts run as root. The plan quotes them too, but a spec
/// never needs these characters, so they are refused even inside Spack's quotes. (Every other
/// string that reaches bash has a whitelist rule: names, buckets, mount paths, ids, catalog types.)
/// </summary>
public sealed class ShellSafetyRule : SeedRule
{
    private const string Unsafe = ";$`|&<>\\(){}!*?#";

    public override string Id => "SHELL-UNSAFE";
    public override string Summary => "Spack specs contain no shell metacharacters (; $ ` | & < > \\ ( ) { } ! * ? # and control characters), even inside quotes.";

    public override IEnumerable<Diagnostic> Check(SeedRuleContext context)
    {
        foreach (var (path, spec) in SpackSpecs.All(context))
            if (FirstUnsafe(spec) is { } column)
            {
                var at = context.Seed.Locate(path) is { } l ? l with { Column = l.Column + column - 1 } : (SourceLocation?)null;
                yield return Report(context, path, $"character {Show(spec[column - 1])} at spec column {column} is not allowed (specs reach shell scripts run as root)",
                    "write variants and flags without shell characters, e.g. cflags=-O3 (no quotes needed for one value)", at: at);
            }
    }

    /// <summary>1-based column of the first unsafe character (or control character), or null.</summary>
    public static int? FirstUnsafe(string spec)
    {
        for (var i = 0; i < spec.Length; i++)
            if (Unsafe.Contains(spec[i]) || char.IsControl(spec[i])) return i + 1;
        return null;
    }

    /// <summary>A character for a message: quoted, or its code point when it is a control character (NUL, newline).</summary>
    public static string Show(char c) => char.IsControl(c) ? $"U+{(int)c:X4}" : $"'{c}'";
}
