using Petal.Common;

namespace Petal.Seeds.Rules;

public sealed class SpackSpecRule : SeedRule
{
    public override string Id => "SPACK-SPEC";
    public override string Summary => "Every software.spack_packages entry parses as a Spack 0.23 spec; errors point at the column inside the spec.";

    public override IEnumerable<Diagnostic> Check(SeedRuleContext context)
    {
        foreach (var (path, spec) in SpackSpecs.All(context))
        {
            if (ShellSafetyRule.FirstUnsafe(spec) is not null) continue;
            if (context.Specs.Check(spec) is not { } problem) continue;
            var at = context.Seed.Locate(path) is { } l ? l with { Column = l.Column + problem.Column - 1 } : (SourceLocation?)null;
            yield return Report(context, path, $"'{spec}' is not a valid Spack spec ({problem.Kind} at spec column {problem.Column}): {problem.Message}",
                "see https://spack.readthedocs.io/en/v0.23.1/basic_usage.html#specs-dependencies; try 'petal spec \"<spec>\"'", at: at);
        }
    }
}
