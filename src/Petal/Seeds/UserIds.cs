namespace Petal.Seeds;

/// <summary>The uid/gid range petal creates accounts in (docs/seed-format.md, "users").</summary>
public static class UserIds
{
    /// <summary>Below this are root and the system range (service accounts such as slurm and munge).</summary>
    public const int MinRegular = 1000;

    /// <summary>
    /// The largest id a seed may use: ids above leave room for user-namespace mappings and stay clear of tools
    /// that read ids as signed 32-bit numbers. The schema (SEED-RANGE) and the plan's guard use this bound.
    /// </summary>
    public const int Max = 2_000_000_000;

    /// <summary>useradd's UID_MAX: ids above are allowed (sites match LDAP ids) but warned about.</summary>
    public const int MaxRecommended = 60000;

    /// <summary>The 'nobody' account's id.</summary>
    public const int Nobody = 65534;
}
