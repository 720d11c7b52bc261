using Petal.Common;

namespace Petal.Seeds.Rules;

public sealed class UserNameRule : SeedRule
{
    public override string Id => "USER-NAME";
    public override string Summary => "User names match ^[a-z_][a-z0-9_-]{0,31}$ (portable Linux user names, safe in shell).";

    public override IEnumerable<Diagnostic> Check(SeedRuleContext context)
    {
        for (var i = 0; i < context.Seed.Users.Count; i++)
        {
            var name = context.Seed.Users[i].Name;
            if (context.Has($"users[{i}].name") && !Patterns.UserName.Regex.IsMatch(name))
                yield return Report(context, $"users[{i}].name", $"'{name}' is not a valid Linux user name",
                    "start with a lowercase letter or '_', then lowercase letters, digits, '_' or '-'; at most 32 characters");
        }
    }
}
