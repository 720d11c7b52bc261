using Petal.Pcluster;

namespace Petal.Seeds.Rules;

/// <summary>Names and directories a seed must not take over (ParallelCluster, the OS images, Slurm).</summary>
public static class ReservedNames
{
    /// <summary>System and service accounts on ParallelCluster's images and the local twin.</summary>
    public static readonly IReadOnlySet<string> Users = new HashSet<string>(StringComparer.Ordinal)
    {
        "root", "daemon", "bin", "sys", "sync", "games", "man", "lp", "mail", "news", "uucp", "proxy", "www-data",
        "backup", "list", "irc", "nobody", "nogroup", "adm", "operator", "ftp", "systemd-network", "systemd-resolve",
        "sshd", "messagebus", "polkitd", "chrony", "rpc", "rpcuser", "nfsnobody", "dbus", "tss",
        "ec2-user", "ubuntu", "centos", "rocky", "admin",
        "slurm", "munge", "pcluster-admin", "pcluster-scheduler-plugin", "dcv", "dcvsmagent", "lmod", "spack",
    };

    /// <summary>ParallelCluster's SharedStorageMountDirValidator list plus / and /home (which the OS owns) and /opt/spack (the ami and hybrid layouts' Spack).</summary>
    public static readonly IReadOnlySet<string> MountDirs =
        new HashSet<string>(PclusterFacts.ReservedMountDirs.Append("/").Append("/home").Append("/opt/spack"), StringComparer.Ordinal);

    /// <summary>Directories below which nothing may be mounted (the system and ParallelCluster's own trees).</summary>
    public static readonly IReadOnlyList<string> MountTrees =
        ["/bin", "/boot", "/dev", "/etc", "/lib", "/lib64", "/opt/parallelcluster", "/opt/slurm", "/proc", "/root", "/run", "/sbin", "/sys", "/usr"];
}
