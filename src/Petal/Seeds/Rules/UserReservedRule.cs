using Petal.Common;

namespace Petal.Seeds.Rules;

public sealed class UserReservedRule : SeedRule
{
    public override string Id => "USER-RESERVED";
    public override string Summary => "User names are not system or service accounts (root, ec2-user, ubuntu, slurm, munge, ...).";

    public override IEnumerable<Diagnostic> Check(SeedRuleContext context)
    {
        for (var i = 0; i < context.Seed.Users.Count; i++)
        {
            var name = context.Seed.Users[i].Name;
            if (ReservedNames.Users.Contains(name))
                yield return Report(context, $"users[{i}].name", $"'{name}' is a system or service account on cluster nodes",
                    "choose a personal user name, e.g. the researcher's login");
        }
    }
}
