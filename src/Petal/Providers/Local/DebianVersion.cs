namespace Petal.Providers.Local;

/// <summary>Debian package version → the upstream version Spack would call it ("4:12.2.0-3" → "12.2.0").</summary>
public static class DebianVersion
{
    public static string Upstream(string debianVersion)
    {
        var v = debianVersion;
        var colon = v.IndexOf(':');
        if (colon >= 0) v = v[(colon + 1)..];
        var dash = v.LastIndexOf('-');
        if (dash > 0) v = v[..dash];
        // Repack and snapshot suffixes: "+ds1", "~rc1", "20220106.git7586adbb6a" (LAMMPS' release date is the version).
        foreach (var marker in new[] { "+", "~", ".git" })
        {
            var i = v.IndexOf(marker, StringComparison.Ordinal);
            if (i > 0) v = v[..i];
        }
        return v;
    }
}
