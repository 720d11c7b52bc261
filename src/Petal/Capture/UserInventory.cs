using System.Globalization;
using Petal.Seeds.Rules;
using Petal.Common;
using Petal.Seeds;

namespace Petal.Capture;

public sealed record CapturedUser(string Name, int Uid, int Gid);

/// <summary>Regular accounts from `getent passwd`: uid in the given range (default 1000..60000), not nobody, not a
/// name petal reserves, a name the seed accepts.</summary>
public static class UserInventory
{
    public const string Command = "getent passwd";

    public static IReadOnlyList<CapturedUser> Parse(string passwd, int minUid = UserIds.MinRegular, int maxUid = UserIds.MaxRecommended)
    {
        var users = new List<CapturedUser>();
        foreach (var line in passwd.Split('\n'))
        {
            var f = line.Trim().Split(':');
            if (f.Length < 4 || !int.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out var uid)
                || !int.TryParse(f[3], NumberStyles.None, CultureInfo.InvariantCulture, out var gid)) continue;
            if (uid < minUid || uid > maxUid || uid == UserIds.Nobody || gid < UserIds.MinRegular) continue;
            if (ReservedNames.Users.Contains(f[0]) || !Patterns.UserName.IsMatch(f[0]) || users.Any(u => u.Name == f[0])) continue;
            users.Add(new CapturedUser(f[0], uid, gid));
        }
        return users;
    }
}
