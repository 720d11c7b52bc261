namespace Petal.Garden.Descriptions;

/// <summary>
/// Name, version, compiler and variants of a Spack spec string as the seed wrote it
/// (<c>lammps@20230802 +openmp %gcc@12</c>). Only the root package; dependencies (^) are not listed.
/// </summary>
public static class SpecSummary
{
    private static readonly string[] MpiNames = ["openmpi", "mpich", "mvapich2", "intel-oneapi-mpi", "intel-mpi", "cray-mpich"];

    public static SoftwarePackage Parse(string spec)
    {
        var root = spec.Split('^')[0].Trim();
        var end = 0;
        while (end < root.Length && (char.IsLetterOrDigit(root[end]) || root[end] is '-' or '_' or '.')) end++;
        var name = root[..end];
        string? version = null, compiler = null;
        var variants = new List<string>();
        foreach (var token in Tokens(root[end..]))
        {
            if (token.StartsWith('@') && version is null) version = token[1..];
            else if (token.StartsWith('%')) compiler = token[1..];
            else if (token[0] is '+' or '~' || token.Contains('=')) variants.Add(token);
        }
        return new SoftwarePackage(name, version, spec.Trim(), compiler, variants);
    }

    /// <summary>The first MPI implementation among the packages, if any.</summary>
    public static string? Mpi(IEnumerable<SoftwarePackage> packages) =>
        packages.FirstOrDefault(p => MpiNames.Contains(p.Name, StringComparer.OrdinalIgnoreCase))?.Name;

    /// <summary>Splits "@1.2 +x~y %gcc@12 a=b" into "@1.2", "+x", "~y", "%gcc@12", "a=b".</summary>
    private static IEnumerable<string> Tokens(string rest)
    {
        var i = 0;
        while (i < rest.Length)
        {
            if (char.IsWhiteSpace(rest[i])) { i++; continue; }
            var start = i++;
            while (i < rest.Length && !char.IsWhiteSpace(rest[i]) && rest[i] is not ('+' or '~' or '%')
                   && !(rest[i] == '@' && rest[start] != '%')) i++;
            yield return rest[start..i];
        }
    }
}
