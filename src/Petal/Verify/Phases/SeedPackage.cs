using System.Text.RegularExpressions;
using Petal.Spack;

namespace Petal.Verify.Phases;

/// <summary>What a seed package is for the checks: which module serves it, and how it reports its version.</summary>
public enum PackageKind { Other, Compiler, Mpi, Python }

/// <summary>A seed spec as the workload tests see it: a name, the versions it allows, and its kind.</summary>
public sealed partial record SeedPackage(string Spec, string Name, VersionList Versions, PackageKind Kind)
{
    private static readonly Dictionary<string, (PackageKind Kind, string VersionCommand)> Known = new(StringComparer.Ordinal)
    {
        ["gcc"] = (PackageKind.Compiler, "gcc --version"),
        ["llvm"] = (PackageKind.Compiler, "clang --version"),
        ["aocc"] = (PackageKind.Compiler, "clang --version"),
        ["intel-oneapi-compilers"] = (PackageKind.Compiler, "icx --version"),
        ["nvhpc"] = (PackageKind.Compiler, "nvc --version"),
        ["openmpi"] = (PackageKind.Mpi, "mpirun --version"),
        ["mpich"] = (PackageKind.Mpi, "mpichversion"),
        ["mvapich2"] = (PackageKind.Mpi, "mpichversion"),
        ["intel-oneapi-mpi"] = (PackageKind.Mpi, "mpirun --version"),
        ["python"] = (PackageKind.Python, "python3 --version"),
    };

    [GeneratedRegex(@"\d+(?:\.\d+)+")] private static partial Regex DottedVersion();
    /// <summary>Lmod's markers after a module name: (default), (D), (L)...</summary>
    [GeneratedRegex(@"\s*\([^)]*\)")] private static partial Regex Marker();

    public static SeedPackage From(string spec)
    {
        var parsed = SpecParser.Parse(spec);
        var name = parsed.Name ?? throw new ArgumentException($"spec '{spec}' names no package");
        return new SeedPackage(spec, name, parsed.Versions, Known.TryGetValue(name, out var k) ? k.Kind : PackageKind.Other);
    }

    /// <summary>The command that prints this package's version once its module is loaded (compilers, MPI, python).</summary>
    public string? VersionCommand => Known.TryGetValue(Name, out var k) ? k.VersionCommand : null;

    /// <summary>The first line of a terse `module avail` that serves this package (name/version with an allowed version).</summary>
    public string? FindModule(string terseAvail)
    {
        foreach (var raw in terseAvail.Split('\n'))
        {
            var line = Marker().Replace(raw, "").Trim().TrimEnd('/');
            var slash = line.IndexOf('/');
            if (slash <= 0 || line.EndsWith(':') || line[..slash] != Name) continue;
            var version = line[(slash + 1)..].Split('-')[0];
            if (Versions.IsAny || Allows(version)) return line;
        }
        return null;
    }

    /// <summary>The version a tool printed (the first dotted number), when the spec allows it; else null with what was seen.</summary>
    public (bool Ok, string? Seen) CheckReported(string output)
    {
        var m = DottedVersion().Match(output);
        if (!m.Success) return (false, null);
        return (Versions.IsAny || Allows(m.Value), m.Value);
    }

    private bool Allows(string version) => SpackVersion.TryParse(version, out var v) && Versions.Contains(v);
}
