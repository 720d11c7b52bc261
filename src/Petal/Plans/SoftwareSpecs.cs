using Petal.Spack;

namespace Petal.Plans;

/// <summary>The seed's specs in Spack's canonical form, and the compilers they name (installed first).</summary>
public sealed record SoftwareSpecs(IReadOnlyList<string> Canonical, IReadOnlyList<string> Compilers)
{
    /// <summary>Specs must parse (PlanInputGuard checked them). Compilers with a version other than the
    /// OS compiler are installed by Spack before the environment.</summary>
    public static SoftwareSpecs From(IReadOnlyList<string> specs, string systemCompiler)
    {
        var parsed = specs.Select(SpecParser.Parse).ToList();
        var compilers = parsed
            .SelectMany(Nodes)
            .Select(n => n.Compiler)
            .Where(c => c is not null && !c.Versions.IsAny)
            .Select(c => c!.ToString())
            .Where(c => c != systemCompiler)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        return new SoftwareSpecs(parsed.Select(p => p.ToString()).ToList(), compilers);
    }

    private static IEnumerable<SpackSpec> Nodes(SpackSpec spec) => [spec, .. spec.Dependencies.SelectMany(Nodes)];
}
