namespace Petal.Seeds.Rules;

/// <summary>The seed's Spack specs with their paths (only well-typed ones).</summary>
internal static class SpackSpecs
{
    public static IEnumerable<(string Path, string Spec)> All(SeedRuleContext context)
    {
        var specs = context.Seed.Software.SpackPackages;
        for (var i = 0; i < specs.Count; i++)
            if (context.Has($"software.spack_packages[{i}]"))
                yield return ($"software.spack_packages[{i}]", specs[i]);
    }
}
