using Petal.Catalog;
using Petal.Common;
using Petal.Seeds.Loading;
using Petal.Seeds.Rules;
using Petal.Seeds.Schema;
using Petal.Seeds.Yaml;

namespace Petal.Seeds;

/// <summary>
/// Seed file → typed <see cref="Seed"/> plus every problem at once: YAML syntax, duplicate keys,
/// <c>extends</c>, unknown keys, types, then every <see cref="SeedRules"/> rule. Diagnostics come sorted by file, line, column.
/// </summary>
public static class SeedLoader
{
    private static ISpecSyntax DefaultSpecs => SpackSpecSyntax.Instance;

    public static SeedLoadResult Load(string path, ICatalog catalog) => Load(path, catalog, DefaultSpecs);

    public static SeedLoadResult Load(string path, ICatalog catalog, ISpecSyntax specs)
    {
        var display = ExtendsResolver.Display(Path.GetFullPath(path));
        if (!InputFiles.TryReadText(path, out var text, out var problem))
            return new SeedLoadResult(null,
                [new Diagnostic(SeedRuleIds.Unreadable, Severity.Error, $"seed {problem}", "", new SourceLocation(display, 1, 1), "check the path")]);
        return LoadText(text, display, catalog, specs);
    }

    public static SeedLoadResult LoadText(string yaml, string fileName, ICatalog catalog) => LoadText(yaml, fileName, catalog, DefaultSpecs);

    public static SeedLoadResult LoadText(string yaml, string fileName, ICatalog catalog, ISpecSyntax specs)
    {
        var diagnostics = new List<Diagnostic>();
        var (tree, readDiagnostics) = YamlTreeReader.Read(yaml, fileName);
        diagnostics.AddRange(readDiagnostics);
        if (tree is not YMapping)
        {
            if (tree is not null || diagnostics.Count == 0)
                diagnostics.Add(new Diagnostic(SeedRuleIds.Type, Severity.Error,
                    tree is null ? "the seed is empty" : $"a seed is a mapping of sections, not {tree.Describe()}", "",
                    tree?.Location ?? new SourceLocation(fileName, 1, 1), "start from seeds/examples/minimal.yaml"));
            return Sorted(null, diagnostics);
        }
        var merged = (YMapping)new ExtendsResolver(specs, diagnostics).Resolve(tree, fileName);
        var checker = new SchemaChecker();
        checker.Check(merged, SeedSchema.Root, "");
        diagnostics.AddRange(checker.Diagnostics);
        if (!checker.Complete) return Sorted(null, diagnostics);
        var seed = SeedBinder.Bind(merged, fileName, checker.Locations);
        var context = new SeedRuleContext(seed, catalog, specs);
        foreach (var rule in SeedRules.All)
            diagnostics.AddRange(rule.Check(context));
        return Sorted(seed, diagnostics);
    }

    private static SeedLoadResult Sorted(Seed? seed, List<Diagnostic> diagnostics) =>
        new(seed, diagnostics
            .OrderBy(d => d.Location?.File, StringComparer.Ordinal)
            .ThenBy(d => d.Location?.Line ?? 0)
            .ThenBy(d => d.Location?.Column ?? 0)
            .ToList());
}
