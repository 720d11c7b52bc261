using Petal.Common;
using Petal.Seeds.Schema;
using Petal.Seeds.Yaml;

namespace Petal.Seeds.Loading;

/// <summary>
/// Follows <c>extends: base.yaml</c> (relative to the extending file) and merges each base under the
/// seed that extends it. Cycles and missing bases are errors that name the chain. A base must lie inside the
/// folder of the seed petal was given (links followed), so a seed cannot make petal read, or echo in its
/// errors, a file from elsewhere (<c>extends: /etc/shadow</c>, <c>../../x</c>).
/// </summary>
public sealed class ExtendsResolver(ISpecSyntax specs, List<Diagnostic> diagnostics)
{
    public const int MaxChain = 16;
    private readonly TreeMerger _merger = new(specs);

    public YNode Resolve(YNode tree, string file)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".";
        return Resolve(tree, file, [Path.GetFullPath(file)], RealPaths.Resolve(folder) ?? folder);
    }

    private YNode Resolve(YNode tree, string file, List<string> chain, string treeRoot)
    {
        if (tree is not YMapping map || map.Get("extends") is not YScalar { IsNull: false } extends) return tree;
        const string within = "write a path relative to this seed's folder that stays inside the folder of the seed you run petal on";
        if (extends.Value.Length == 0 || extends.Value.Any(char.IsControl))
            return Fail(map, extends, "extends is empty or holds a control character (NUL, newline)", within);
        if (Path.IsPathRooted(extends.Value))
            return Fail(map, extends, "extends takes a relative path; an absolute path is refused", within);
        var basePath = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".", extends.Value));
        if (!RealPaths.IsInside(Real(basePath), treeRoot))
            return Fail(map, extends, $"base seed '{extends.Value}' lies outside {Display(treeRoot)}", within);
        string Chain() => string.Join(" → ", chain.Append(basePath).Select(Display));
        if (chain.Contains(basePath))
            return Fail(map, extends, $"extends cycle: {Chain()}", "remove one of the extends lines so the chain ends");
        if (chain.Count >= MaxChain)
            return Fail(map, extends, $"extends chain longer than {MaxChain}: {Chain()}", "flatten the chain");
        if (InputFiles.TryReadText(basePath, out var text, out var problem) is false)
            return Fail(map, extends, $"base seed {problem}: {Chain()}", "extends takes a path relative to this seed's folder");
        var (baseTree, readDiagnostics) = YamlTreeReader.Read(text, Display(basePath));
        diagnostics.AddRange(readDiagnostics);
        if (baseTree is not YMapping)
            return Fail(map, extends, $"base seed {Display(basePath)} is not a seed mapping: {Chain()}", "fix the base seed first");
        var resolvedBase = Resolve(baseTree, basePath, [.. chain, basePath], treeRoot);
        return _merger.Merge(resolvedBase, map, SeedSchema.Root);
    }

    /// <summary>The real path of a file, or of its folder when the file does not exist (it is then reported missing).</summary>
    private static string Real(string path)
    {
        var folder = Path.GetDirectoryName(path) ?? ".";
        return RealPaths.Resolve(path) ?? Path.Combine(RealPaths.Resolve(folder) ?? folder, Path.GetFileName(path));
    }

    private YNode Fail(YMapping map, YScalar extends, string message, string hint)
    {
        diagnostics.Add(new Diagnostic(SeedRuleIds.Extends, Severity.Error, message, "extends", extends.Location, hint));
        return map;
    }

    /// <summary>Paths as the user would write them: relative to the working directory when below it.</summary>
    public static string Display(string fullPath)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, fullPath);
        return relative.StartsWith("..", StringComparison.Ordinal) ? fullPath : relative;
    }
}
