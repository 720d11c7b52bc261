using System.Text.RegularExpressions;

namespace Petal.Plans;

/// <summary>The seed's specs in Spack's canonical form, and the compilers they name (installed first).</summary>
public sealed partial record SoftwareSpecs(IReadOnlyList<string> Canonical, IReadOnlyList<string> Compilers)
{
    [GeneratedRegex("%([a-z][a-z0-9_-]*)@([0-9][0-9A-Za-z._-]*)")] private static partial Regex CompilerRef();
    [GeneratedRegex("\\s+")] private static partial Regex Spaces();

    public static SoftwareSpecs From(IReadOnlyList<string> specs, string systemCompiler)
    {
        var canonical = specs.Select(Canonicalize).ToList();
        var compilers = canonical
            .SelectMany(s => CompilerRef().Matches(s).Select(m => $"{m.Groups[1].Value}@{m.Groups[2].Value}"))
            .Where(c => c != systemCompiler)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        return new SoftwareSpecs(canonical, compilers);
    }

    private static string Canonicalize(string spec) => Spaces().Replace(spec.Trim(), " ");
}
