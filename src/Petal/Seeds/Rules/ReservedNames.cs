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

    /// <summary>
    /// ParallelCluster's SharedStorageMountDirValidator list plus / and /home (which the OS owns) and /opt/spack (the ami
    /// and hybrid layouts' Spack). A shared /home on EFS or FSx for Lustre is the one exception (<see cref="IsSharedHome"/>).
    /// </summary>
    public static readonly IReadOnlySet<string> MountDirs =
        new HashSet<string>(PclusterFacts.ReservedMountDirs.Append("/").Append(Home).Append("/opt/spack"), StringComparer.Ordinal);

    public const string Home = "/home";

    /// <summary>The seed's storage types ParallelCluster can mount at /home (<see cref="PclusterFacts.SharedHomeStorageTypes"/>).</summary>
    public static readonly IReadOnlyList<StorageType> SharedHomeTypes = [StorageType.Efs, StorageType.FsxLustre];

    /// <summary>Whether <paramref name="storage"/> is a shared /home: EFS or FSx for Lustre mounted at /home.</summary>
    public static bool IsSharedHome(SharedStorageSpec storage) =>
        Rules.MountDirs.Key(storage.MountDir) == Home && SharedHomeTypes.Contains(storage.Type);

    /// <summary>Directories below which nothing may be mounted (the system and ParallelCluster's own trees).</summary>
    public static readonly IReadOnlyList<string> MountTrees =
        ["/bin", "/boot", "/dev", "/etc", "/lib", "/lib64", "/opt/parallelcluster", "/opt/slurm", "/proc", "/root", "/run", "/sbin", "/sys", "/usr"];
}
