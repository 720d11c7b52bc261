using System.Globalization;
using Petal.Common;

namespace Petal.Seeds.Rules;

public sealed class UserDuplicateRule : SeedRule
{
    public override string Id => "USER-DUPLICATE";
    public override string Summary => "User names and uids are unique.";

    public override IEnumerable<Diagnostic> Check(SeedRuleContext context)
    {
        var users = context.Seed.Users;
        foreach (var d in Duplicates.Find(users.Select(u => u.Name), i => $"users[{i}].name", context))
            yield return Report(context, d.Path, $"user '{d.Value}' is already defined at {d.First}", "remove one of them");
        foreach (var d in Duplicates.Find(users.Select(u => u.Uid.ToString(CultureInfo.InvariantCulture)), i => $"users[{i}].uid", context))
            yield return Report(context, d.Path, $"uid {d.Value} is already used at {d.First}", "give each user its own uid");
    }
}
