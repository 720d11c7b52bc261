namespace Petal.Providers.Local;

/// <summary>What the twin needs from the host: root (users, mount namespaces) and the Debian packages of scripts/install-deps.sh.</summary>
public static class HostRequirements
{
    private static readonly (string Path, string Package)[] Required =
    [
        ("/usr/sbin/slurmctld", "slurmctld"), ("/usr/sbin/slurmd", "slurmd"), ("/usr/bin/sinfo", "slurm-client"),
        ("/usr/bin/scontrol", "slurm-client"), ("/usr/sbin/munged", "munge"), ("/usr/share/lmod/lmod/init/bash", "lmod"),
        ("/etc/lmod/modulespath", "lmod"), ("/usr/bin/gcc", "gcc"), ("/usr/bin/perl", "perl"), ("/usr/bin/unshare", "util-linux"),
        ("/usr/sbin/useradd", "passwd"),
    ];

    /// <summary>What a twin with Slurm accounting needs besides: slurmdbd and a MariaDB server of its own.</summary>
    private static readonly (string Path, string Package)[] Accounting =
    [
        ("/usr/sbin/slurmdbd", "slurmdbd"), ("/usr/bin/sacctmgr", "slurm-client"), ("/usr/sbin/mariadbd", "mariadb-server"),
        ("/usr/bin/mariadb-install-db", "mariadb-server"), ("/usr/bin/mariadb", "mariadb-client"), ("/usr/bin/mariadb-admin", "mariadb-client"),
    ];

    /// <summary>One message naming every missing package, or null when the host is ready.</summary>
    public static string? Problem(bool accounting = false)
    {
        if (!IsRoot())
            return "the local twin must run as root (it adds the seed's users and gives each node its own mount namespace)";
        var missing = Required.Concat(accounting ? Accounting : []).Where(r => !File.Exists(r.Path)).Select(r => r.Package).Distinct().ToList();
        return missing.Count == 0
            ? null
            : $"the local twin needs Debian packages that are not installed: {string.Join(", ", missing)}. Run scripts/install-deps.sh (as root) and try again";
    }

    private static bool IsRoot() =>
        File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal))
            ?.Split('\t', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1) == "0";

    /// <summary>Total host memory in MiB from /proc/meminfo.</summary>
    public static long HostMemoryMiB()
    {
        var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
    }
}
