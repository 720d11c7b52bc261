using Petal.Catalog;

namespace Petal.Plans;

/// <summary>EC2 architecture names → Spack's generic target families.</summary>
public static class Architectures
{
    /// <summary>"arm64" → "aarch64", anything else → "x86_64". Types the catalog does not know are
    /// guessed from the Graviton naming (a 'g' right after the generation digit: c7g, hpc7g, r8gd).</summary>
    public static string SpackTarget(string instanceType, ICatalog catalog)
    {
        if (catalog.Find(instanceType) is { } info) return info.Architecture == "arm64" ? "aarch64" : "x86_64";
        var family = instanceType.Split('.')[0];
        var digit = family.IndexOfAny("0123456789".ToCharArray());
        return digit >= 0 && digit + 1 < family.Length && family[digit + 1] == 'g' ? "aarch64" : "x86_64";
    }
}
