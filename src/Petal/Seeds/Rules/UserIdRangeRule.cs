using Petal.Common;

namespace Petal.Seeds.Rules;

/// <summary>
/// uid/gid 0 is root and 1..999 is the system range (package accounts such as slurm and munge are
/// created there): errors. 65534 is nobody: error. Above 60000 (useradd's UID_MAX) is allowed,
/// since sites match LDAP ids, but warned about.
/// </summary>
public sealed class UserIdRangeRule : SeedRule
{
    private const int MinRegular = UserIds.MinRegular;
    private const int MaxRecommended = UserIds.MaxRecommended;
    private const int Nobody = UserIds.Nobody;
    public override string Id => "USER-ID-RANGE";
    public override string Summary => "uid/gid are not 0 (root), not 1..999 (system), not 65534 (nobody); above 60000 is a warning.";

    public override IEnumerable<Diagnostic> Check(SeedRuleContext context)
    {
        for (var i = 0; i < context.Seed.Users.Count; i++)
        {
            var u = context.Seed.Users[i];
            foreach (var (field, id) in new[] { ("uid", u.Uid), ("gid", u.Gid) })
            {
                var path = $"users[{i}].{field}";
                if (!context.Has(path)) continue;
                if (id == 0)
                    yield return Report(context, path, $"{field} 0 is root", $"use {MinRegular}..{MaxRecommended}");
                else if (id < MinRegular)
                    yield return Report(context, path, $"{field} {id} is in the system range (below {MinRegular}), where service accounts live", $"use {MinRegular}..{MaxRecommended}");
                else if (id == Nobody)
                    yield return Report(context, path, $"{field} {Nobody} is 'nobody'", $"use {MinRegular}..{MaxRecommended}");
                else if (id > MaxRecommended)
                    yield return Report(context, path, $"{field} {id} is above {MaxRecommended}, outside useradd's default range",
                        "fine when it matches your directory (LDAP); otherwise use 1000..60000", Severity.Warning);
            }
        }
    }
}
