using Petal.Garden.Values;
using Petal.Spack;

namespace Petal.Garden.Descriptions;

/// <summary>
/// One installed package: from a seed's Spack spec (canonical form, via <see cref="SpecParser"/>) or a software
/// subsystem vertex. <see cref="Version"/> is the installed version when the spec pins one (<c>go@1.20.14</c>),
/// else the spec's version constraint as Spack writes it (<c>1.20:</c>), or null when it has none.
/// </summary>
public sealed record SoftwarePackage(
    string Name,
    string? Version,
    string Spec,
    string? Compiler = null,
    IReadOnlyList<string>? Variants = null,
    IReadOnlyList<string>? Dependencies = null)
{
    private static readonly string[] MpiNames = ["openmpi", "mpich", "mvapich2", "intel-oneapi-mpi", "intel-mpi", "cray-mpich"];

    /// <summary>A seed's spec; a spec Spack would refuse is a <see cref="GardenInputException"/> with its column.</summary>
    public static SoftwarePackage FromSpec(string spec)
    {
        if (!SpecParser.TryParse(spec, out var parsed, out var error))
            throw new GardenInputException($"software spec '{spec}': column {error.Column}: {error.Message}");
        if (parsed.Name is null)
            throw new GardenInputException($"software spec '{spec}' names no package");
        return new SoftwarePackage(parsed.Name, VersionOf(parsed.Versions), parsed.ToString(),
            parsed.Compiler?.ToString(), parsed.Variants.Values.Select(v => v.ToString()).ToList(),
            parsed.Dependencies.Select(d => d.Name).OfType<string>().ToList());
    }

    /// <summary>The MPI implementation the stack provides: a package that is one, else the first MPI a package depends on.</summary>
    public static string? Mpi(IReadOnlyList<SoftwarePackage> packages) =>
        packages.Select(p => p.Name).Concat(packages.SelectMany(p => p.Dependencies ?? []))
            .FirstOrDefault(n => MpiNames.Contains(n, StringComparer.OrdinalIgnoreCase));

    private static string? VersionOf(VersionList versions)
    {
        if (versions.IsAny) return null;
        // One pinned version (@1.20.14 or @=1.20.14) is what is installed; a range stays a constraint.
        return versions.Items is [{ Lo: { } lo, Hi: { } hi }] && lo.Equals(hi) ? lo.Text : versions.ToString();
    }
}
