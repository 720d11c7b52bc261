using Petal.Common;

namespace Petal.Seeds.Rules;

public sealed class SpackVersionRule : SeedRule
{
    public override string Id => "SPACK-VERSION";
    public override string Summary => "software.spack_version is a release such as 0.23.1 (not 'develop': a moving branch cannot be pinned, cached or reproduced).";

    public override IEnumerable<Diagnostic> Check(SeedRuleContext context)
    {
        var version = context.Seed.Software.SpackVersion;
        if (context.Has("software.spack_version") && !Patterns.SpackVersion.Regex.IsMatch(version))
            yield return Report(context, "software.spack_version", $"'{version}' is not a Spack release", $"write it as MAJOR.MINOR[.PATCH], e.g. {SeedDefaults.SpackVersion}, without a leading 'v'");
    }
}
