using Petal.Spack;
using Spectre.Console;

namespace Petal.Cli.Commands;

/// <summary>What <c>petal spec</c> prints: JSON views and the human table, kept apart from the console for tests.</summary>
internal static class SpecRendering
{
    internal sealed record SpecView(
        string Canonical, string? Name, string? Namespace, string Versions, string? Compiler,
        Dictionary<string, object> Variants, Dictionary<string, string[]> Flags, string? Architecture, string? Hash,
        DependencyView[] Dependencies, bool HasShellMetacharacters);

    internal sealed record DependencyView(string Canonical, string? Name, string Versions, string? Compiler, string[] Virtuals, string[] Deptypes);


    public static SpecView View(SpackSpec spec) => new(
        spec.ToString(), spec.Name, spec.Namespace, spec.Versions.ToString(), spec.Compiler?.ToString(),
        spec.Variants.OrderBy(v => v.Key, StringComparer.Ordinal)
            .ToDictionary(v => v.Key, v => v.Value.BoolValue is { } b ? (object)b : v.Value.Values.ToArray()),
        spec.Flags.OrderBy(f => f.Key, StringComparer.Ordinal)
            .ToDictionary(f => f.Key, f => f.Value.Select(x => x.Value).ToArray()),
        spec.Architecture?.ToString(), spec.Hash,
        spec.Dependencies.Select(d => new DependencyView(d.ToString(), d.Name, d.Versions.ToString(), d.Compiler?.ToString(),
            d.Virtuals.ToArray(), d.DepTypes.ToArray())).ToArray(),
        spec.HasShellMetacharacters);

    /// <summary>The error, then the spec with a caret under the column.</summary>
    public static IEnumerable<string> ErrorLines(string input, SpecError error)
    {
        yield return $"petal: invalid spec: {error.Message} [{error.Kind}, column {error.Column}]";
        // Control characters would break the caret alignment (and the terminal): show them escaped by width 1.
        var shown = new string(input.Select(c => char.IsControl(c) ? '?' : c).ToArray());
        yield return "  " + shown;
        yield return "  " + new string(' ', Math.Max(0, error.Column - 1)) + "^";
    }

    public static void WriteHuman(IAnsiConsole console, SpackSpec spec)
    {
        console.WriteLine(spec.ToString());
        var table = new Table().Border(TableBorder.Rounded).AddColumn("part").AddColumn("value");
        void Row(string part, string? value)
        {
            if (!string.IsNullOrEmpty(value)) table.AddRow(Markup.Escape(part), Markup.Escape(value));
        }
        Row("name", spec.Name ?? "(anonymous)");
        Row("namespace", spec.Namespace);
        Row("versions", spec.Versions.IsAny ? "any" : spec.Versions.ToString());
        Row("compiler", spec.Compiler?.ToString());
        foreach (var (name, variant) in spec.Variants.OrderBy(v => v.Key, StringComparer.Ordinal))
            Row("variant " + name, variant.ToString() + (variant.Propagate ? " (propagated)" : ""));
        foreach (var (name, flags) in spec.Flags.OrderBy(f => f.Key, StringComparer.Ordinal))
            Row(name, string.Join(" | ", flags.Select(f => f.Value + (f.Propagate ? " (propagated)" : ""))));
        Row("arch", spec.Architecture?.ToString());
        Row("hash", spec.Hash);
        foreach (var dependency in spec.Dependencies)
        {
            var edge = dependency.Virtuals.Count > 0 ? $" (provides {string.Join(",", dependency.Virtuals)})" : "";
            Row("dependency", dependency + edge);
        }
        console.Write(table);
        if (spec.HasShellMetacharacters)
            console.MarkupLine("[yellow]warning:[/] a value holds shell metacharacters; petal seeds reject such specs");
    }
}
