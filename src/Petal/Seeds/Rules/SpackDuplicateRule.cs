using Petal.Common;

namespace Petal.Seeds.Rules;

public sealed class SpackDuplicateRule : SeedRule
{
    public override string Id => "SPACK-DUPLICATE";
    public override string Summary => "Each Spack package appears once in software.spack_packages.";

    public override IEnumerable<Diagnostic> Check(SeedRuleContext context)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, spec) in SpackSpecs.All(context))
        {
            var name = SpecNames.Of(spec, context.Specs);
            if (seen.TryGetValue(name, out var first))
                yield return Report(context, path, $"package '{name}' is already listed at {context.Seed.Locate(first)}",
                    "keep one spec per package (Spack installs one configuration of it into the environment)");
            else seen[name] = path;
        }
    }
}
