using Petal.Common;

namespace Petal.Providers.Local;

/// <summary>
/// Where everything of one twin lives: all under <c>&lt;state&gt;/local/&lt;name&gt;/</c>, so every daemon's
/// command line (its config, socket or key path) names the cluster it belongs to. Pure path arithmetic.
/// </summary>
public sealed class TwinLayout(string root)
{
    public static string TwinsDir => Path.Combine(PetalPaths.StateDir, "local");

    /// <summary>
    /// The one place a twin's name becomes a folder: every command that takes a cluster name (create, status,
    /// ssh, delete, test, spot reclaim, garden) resolves it here, and a name that is not a twin name (a path,
    /// "../x", "a\n") is refused before any file is touched.
    /// </summary>
    public static TwinLayout For(string name)
    {
        LocalProvider.CheckName(name);
        return new(Path.Combine(TwinsDir, name));
    }

    /// <summary>Lock file beside (not inside) the twin directory, so deleting the directory keeps the lock valid.</summary>
    public static string LockFile(string name) => For(name).Root + ".lock";

    public string Root { get; } = Path.GetFullPath(root);
    public string Name => Path.GetFileName(Root);
    public string StateFile => Path.Combine(Root, "state.json");
    /// <summary>The ParallelCluster config of the seed the twin runs (create, then each update): what `petal update` diffs against.</summary>
    public string ClusterConfig => Path.Combine(Root, "cluster-config.yaml");
    /// <summary>A copy of that seed (the user's file may be edited again).</summary>
    public string SeedCopy => Path.Combine(Root, "seed.yaml");

    public string EtcDir => Path.Combine(Root, "etc");
    public string SlurmConf => Path.Combine(EtcDir, "slurm.conf");
    /// <summary>Beside slurm.conf, where slurmd and slurmctld look for it.</summary>
    public string GresConf => Path.Combine(EtcDir, "gres.conf");
    public string TaskProlog => Path.Combine(EtcDir, "task-prolog.sh");
    /// <summary>Bound over /etc/lmod/modulespath in every view, so login shells find the cluster's modules.</summary>
    public string ModulesPathFile => Path.Combine(EtcDir, "modulespath");

    public string MungeDir => Path.Combine(Root, "munge");
    public string MungeKey => Path.Combine(MungeDir, "munge.key");
    public string MungeSeed => Path.Combine(MungeDir, "munged.seed");
    /// <summary>Sockets and pid files; world-searchable because munged insists on it for its socket directory.</summary>
    public string RunDir => Path.Combine(Root, "run");
    public string MungeSocket => Path.Combine(RunDir, "munge.sock");
    public string MungePidFile => Path.Combine(RunDir, "munged.pid");
    public string SlurmdPidFile(string node) => Path.Combine(RunDir, $"node-{node}.pid");

    public string SlurmctldStateDir => Path.Combine(Root, "slurmctld");

    /// <summary>
    /// Slurm accounting (docs/local-twin.md "Accounting"): slurmdbd reads slurmdbd.conf beside slurm.conf (it has no
    /// -f), 0600 since it holds the database password, which is generated here and kept nowhere else.
    /// </summary>
    public string SlurmdbdConf => Path.Combine(EtcDir, "slurmdbd.conf");
    /// <summary>A link to /usr/sbin/slurmdbd: started through it, slurmdbd's command line names the twin's directory (ProcessTable.BelongsTo).</summary>
    public string SlurmdbdLink => Path.Combine(BinDir, "slurmdbd");
    public string SlurmdbdPidFile => Path.Combine(RunDir, "slurmdbd.pid");
    /// <summary>The twin's own MariaDB instance: its data directory (0700), socket and pid file, none of the system one's.</summary>
    public string MariaDbDir => Path.Combine(Root, "mariadb");
    public string MariaDbDataDir => Path.Combine(MariaDbDir, "data");
    public string MariaDbSocket => Path.Combine(RunDir, "mariadb.sock");
    public string MariaDbPidFile => Path.Combine(RunDir, "mariadbd.pid");
    /// <summary>
    /// slurmd spool directories (<c>%n</c> per node) live under /run, not in the state directory: slurmd puts its
    /// job-step sockets there, a unix socket path holds at most 107 bytes, and the XDG state directory is often
    /// too deep for that. Named after the twin, plus a hash of its root so two state directories never share one.
    /// </summary>
    public string SpoolDir => Path.Combine(SpoolBase, $"{Name}-{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Root)))[..6].ToLowerInvariant()}");

    public const string SpoolBase = "/run/petal";

    /// <summary>
    /// A GPU node's device files, links to /dev/null (slurmd counts a GPU only with a character device of its own):
    /// under the spool directory, whose path holds no character gres.conf would need quoted.
    /// </summary>
    public string GpuDeviceDir => Path.Combine(SpoolDir, "gpu");

    /// <summary>A unix socket path holds at most 107 bytes (108 with its NUL).</summary>
    public const int MaxSocketPath = 107;

    /// <summary>
    /// The longest socket slurmd makes for a job step on <paramref name="node"/>
    /// (<c>spool/&lt;node&gt;/&lt;node&gt;_&lt;job&gt;.&lt;step&gt;</c>: job ids up to Slurm's default MaxJobId,
    /// 67043328, 8 digits; the batch step id 4294967291, 10 digits). Past
    /// <see cref="MaxSocketPath"/> every job on the node fails to launch.
    /// </summary>
    public string LongestStepSocket(string node) => Path.Combine(NodeSpoolDir(node), $"{node}_{new string('9', 8)}.{new string('9', 10)}");

    /// <summary>One node's slurmd spool directory (slurm.conf's SlurmdSpoolDir with <c>%n</c> for the node).</summary>
    public string NodeSpoolDir(string node) => Path.Combine(SpoolDir, node);
    public string LogDir => Path.Combine(Root, "log");
    /// <summary>A node's slurmd stdout and stderr (node-start.sh appends to it).</summary>
    public string NodeLog(string node) => Path.Combine(LogDir, $"node-{node}.out");
    public string BinDir => Path.Combine(Root, "bin");
    public string NodeStartScript => Path.Combine(BinDir, "node-start.sh");
    public string NodeNamespaceScript => Path.Combine(BinDir, "node-ns.sh");
    public string HeadNamespaceScript => Path.Combine(BinDir, "head-ns.sh");
    public string ResumeScript => Path.Combine(BinDir, "resume.sh");
    public string SuspendScript => Path.Combine(BinDir, "suspend.sh");
    public string PrologSlurmctldScript => Path.Combine(BinDir, "prolog-slurmctld.sh");
    public string LaunchTypeScript => Path.Combine(BinDir, "launch-type.sh");

    /// <summary>The types a fleet (<see cref="NodeNaming.Fleet"/>) launches, one a line, in launch order; written by petal.</summary>
    public string LaunchTypesFile(string fleet) => Path.Combine(LaunchTypesDir, fleet + ".types");
    public string LaunchTypesDir => Path.Combine(EtcDir, "launch");
    /// <summary>Launch counters and records, written by launch-type.sh at each power-up.</summary>
    public string LaunchDir => Path.Combine(RunDir, "launch");
    /// <summary>How many nodes of the fleet were launched since its types were last set (picks the next type).</summary>
    public string LaunchCounter(string fleet) => Path.Combine(LaunchDir, fleet + ".count");
    /// <summary>"&lt;type&gt; &lt;UTC time&gt;": what the running node launched as; removed when it powers down.</summary>
    public string LaunchRecord(string node) => Path.Combine(LaunchDir, node + ".launched");
    public string Fakeboot => Path.Combine(Root, "lib", "fakeboot.so");

    /// <summary>The cluster's "AMI": /opt/spack as the image holds it (ami layout).</summary>
    public string ImageSpack => Path.Combine(Root, "image", "opt-spack");
    public string HeadDir => Path.Combine(Root, "head");
    public string HeadSpack => Path.Combine(HeadDir, "opt-spack");
    /// <summary>The head node's /shared export (NFS on ParallelCluster).</summary>
    public string HeadShared => Path.Combine(HeadDir, "shared");
    /// <summary>The head node's /home export.</summary>
    public string HeadHome => Path.Combine(HeadDir, "home");
    /// <summary>A booted node's own disk: its copy of the image, dropped when it powers down.</summary>
    public string NodeDir(string node) => Path.Combine(Root, "nodes", node);
    public string NodeSpack(string node) => Path.Combine(NodeDir(node), "opt-spack");
    /// <summary>The local directories standing for the seed's S3 mounts and shared storage (<see cref="TwinMounts"/>).</summary>
    public string MountsDir => Path.Combine(Root, "mounts");
    public string MountDir(int index) => Path.Combine(MountsDir, index.ToString(System.Globalization.CultureInfo.InvariantCulture));
    /// <summary>Bound over the software root when the test-only broken view hides the software from compute nodes.</summary>
    public string EmptyDir => Path.Combine(Root, "empty");

    /// <summary>The software root of every view, bound from <see cref="HeadSpack"/>, a node's copy of the image or <see cref="EmptyDir"/>.</summary>
    public const string ViewSpack = "/opt/spack";
    /// <summary>The head node's /shared export in every view, bound from <see cref="HeadShared"/>.</summary>
    public const string ViewShared = Seeds.LayoutPaths.SharedMount;
    /// <summary>The head node's /home export in every view, bound from <see cref="HeadHome"/>.</summary>
    public const string ViewHome = "/home";
    /// <summary>Lmod's module path file in every view, bound from <see cref="ModulesPathFile"/>.</summary>
    public const string ViewModulesPath = "/etc/lmod/modulespath";

    /// <summary>
    /// Where a path of the head node's view lives on the host. For the ami layout the software is written
    /// to the image (<paramref name="image"/> true), which the head and every node copy.
    /// </summary>
    public string HostPathOf(string viewPath, bool image = false)
    {
        foreach (var (prefix, host) in new[] { (ViewSpack, image ? ImageSpack : HeadSpack), (ViewShared, HeadShared), (ViewHome, HeadHome) })
            if (viewPath == prefix || viewPath.StartsWith(prefix + "/", StringComparison.Ordinal))
                return host + viewPath[prefix.Length..];
        throw new ArgumentException($"{viewPath} is not under {ViewSpack}, {ViewShared} or {ViewHome}", nameof(viewPath));
    }
}
