namespace Petal.Pcluster;

/// <summary>
/// ParallelCluster 3's value sets and limits, defined once for the seed rules, the seed schema, the plan's
/// input guard and the config checker (<see cref="ConfigChecker"/>). Sources: aws/aws-parallelcluster
/// 3.12.0 <c>cli/src/pcluster/constants.py</c>, <c>config/validators.py</c>,
/// <c>validators/cluster_validators.py</c>, and the "Supported Regions" table of the ParallelCluster 3
/// user guide (the release that added each region).
/// </summary>
public static class PclusterFacts
{
    /// <summary>The release petal renders for and checks against by default.</summary>
    public const string PinnedVersion = "3.12.0";

    private static readonly string[] Oses312 = ["alinux2", "alinux2023", "ubuntu2004", "ubuntu2204", "rhel8", "rocky8", "rhel9", "rocky9"];

    /// <summary>Every Image.Os any 3.x release petal knows accepts (3.13 added ubuntu2404).</summary>
    public static readonly IReadOnlyList<string> AllOses = [.. Oses312, "ubuntu2404"];

    /// <summary>Image.Os values of <paramref name="version"/> (SUPPORTED_OSES; ubuntu2404 from 3.13.0).</summary>
    public static IReadOnlyList<string> OsesFor(string version) =>
        AtLeast(version, 3, 13) ? AllOses : Oses312;

    /// <summary>OSes with no official ParallelCluster AMI (PRIVATE_OSES): they need Image.CustomAmi.</summary>
    public static readonly IReadOnlyList<string> PrivateOses = ["rocky8", "rocky9"];

    /// <summary>Operating systems awsbatch accepts (SUPPORTED_OSES_FOR_SCHEDULER).</summary>
    public static readonly IReadOnlyList<string> AwsBatchOses = ["alinux2", "alinux2023"];

    private static readonly string[] Regions312 =
    [
        "af-south-1", "ap-east-1", "ap-northeast-1", "ap-northeast-2", "ap-south-1", "ap-southeast-1", "ap-southeast-2",
        "ap-southeast-3", "ca-central-1", "cn-north-1", "cn-northwest-1", "eu-central-1", "eu-north-1", "eu-south-1",
        "eu-west-1", "eu-west-2", "eu-west-3", "il-central-1", "me-south-1", "sa-east-1", "us-east-1", "us-east-2",
        "us-gov-east-1", "us-gov-west-1", "us-iso-east-1", "us-isob-east-1", "us-west-1", "us-west-2",
    ];

    /// <summary>The regions <paramref name="version"/> supports (RegionValidator; 3.13 added ap-southeast-5 and ap-southeast-7).</summary>
    public static IReadOnlyList<string> RegionsFor(string version) =>
        AtLeast(version, 3, 13) ? [.. Regions312, "ap-southeast-5", "ap-southeast-7"] : Regions312;

    /// <summary>The AWS partition of <paramref name="region"/>, as ARNs name it (aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b).</summary>
    public static string PartitionOf(string region) =>
        region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn"
        : region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov"
        : region.StartsWith("us-isob-", StringComparison.Ordinal) ? "aws-iso-b"
        : region.StartsWith("us-iso-", StringComparison.Ordinal) ? "aws-iso"
        : "aws";

    /// <summary>SharedStorageMountDirValidator's reserved directories (3.12).</summary>
    public static readonly IReadOnlySet<string> ReservedMountDirs = new HashSet<string>(StringComparer.Ordinal)
    {
        "/bin", "/boot", "/dev", "/etc", "/lib", "/lib64", "/media", "/mnt", "/opt", "/opt/parallelcluster",
        "/opt/parallelcluster/shared", "/opt/parallelcluster/shared_login_nodes", "/opt/slurm", "/opt/intel",
        "/proc", "/root", "/run", "/sbin", "/srv", "/sys", "/tmp", "/usr", "/var",
    };

    /// <summary>
    /// A shared /home: from 3.9.0 a SharedStorage entry of these types may have MountDir /home (it then replaces the
    /// head node's /home export); EBS and File Cache may not.
    /// </summary>
    public static readonly IReadOnlyList<string> SharedHomeStorageTypes = ["Efs", "FsxLustre", "FsxOntap", "FsxOpenZfs"];

    /// <summary>Whether <paramref name="version"/> accepts a shared /home (3.9.0 or later).</summary>
    public static bool SupportsSharedHome(string version) => AtLeast(version, 3, 9);

    /// <summary>Where ParallelCluster mounts instance-store (ephemeral) volumes by default (DEFAULT_EPHEMERAL_DIR).</summary>
    public const string EphemeralDir = "/scratch";

    public const int MaxQueues = 50;
    /// <summary>MAX_TAGS_COUNT: EC2 takes 50 tags per resource and ParallelCluster keeps 10 for its own.</summary>
    public const int MaxTags = 40;
    /// <summary>Tag keys ParallelCluster keeps for itself (validate_no_reserved_tag).</summary>
    public const string ReservedTagPrefix = "parallelcluster:";
    public const int MaxComputeResourcesPerQueue = 50;
    public const int MaxComputeResourcesPerCluster = 50;
    public const int MaxEbs = 5;
    public const int MaxNewEfs = 1;
    public const int MaxExistingEfs = 20;
    public const int MaxNewFsx = 1;
    public const int MaxExistingFsx = 20;

    public static readonly IReadOnlyList<string> CapacityTypes = ["ONDEMAND", "SPOT", "CAPACITY_BLOCK"];
    public static readonly IReadOnlyList<string> AllocationStrategies = ["lowest-price", "capacity-optimized", "price-capacity-optimized"];
    public static readonly IReadOnlyList<string> EbsDeletionPolicies = ["Delete", "Retain", "Snapshot"];
    public static readonly IReadOnlyList<string> FileSystemDeletionPolicies = ["Delete", "Retain"];

    /// <summary>EBS volume types, in the order ParallelCluster's schema lists them.</summary>
    public static readonly IReadOnlyList<string> VolumeTypes = ["standard", "io1", "io2", "gp2", "st1", "sc1", "gp3"];

    /// <summary>EBS_VOLUME_TYPE_TO_VOLUME_SIZE_BOUNDS, GiB.</summary>
    public static readonly IReadOnlyDictionary<string, (int Min, int Max)> EbsSizeBounds = new Dictionary<string, (int, int)>
    {
        ["standard"] = (1, 1024), ["io1"] = (4, 16 * 1024), ["io2"] = (4, 64 * 1024), ["gp2"] = (1, 16 * 1024),
        ["gp3"] = (1, 16 * 1024), ["st1"] = (500, 16 * 1024), ["sc1"] = (500, 16 * 1024),
    };

    /// <summary>EBS_VOLUME_IOPS_BOUNDS: the types that take provisioned IOPS.</summary>
    public static readonly IReadOnlyDictionary<string, (int Min, int Max)> EbsIopsBounds = new Dictionary<string, (int, int)>
    {
        ["io1"] = (100, 64000), ["io2"] = (100, 256000), ["gp3"] = (3000, 16000),
    };

    /// <summary>EBS_VOLUME_TYPE_TO_IOPS_RATIO: at most this many IOPS per GiB.</summary>
    public static readonly IReadOnlyDictionary<string, int> EbsIopsPerGiB = new Dictionary<string, int>
    {
        ["io1"] = 50, ["io2"] = 1000, ["gp3"] = 500,
    };

    /// <summary>ParallelCluster's defaults when EbsSettings leaves them out (EBS_VOLUME_SIZE_DEFAULT, EBS_VOLUME_TYPE_IOPS_DEFAULT).</summary>
    public const int EbsDefaultSizeGiB = 40;
    public const string EbsDefaultVolumeType = "gp3";
    public static readonly IReadOnlyDictionary<string, int> EbsDefaultIops = new Dictionary<string, int> { ["io1"] = 100, ["io2"] = 100, ["gp3"] = 3000 };

    /// <summary>EbsVolumeThroughputValidator: gp3 throughput, MiB/s, and its ratio to IOPS.</summary>
    public const int Gp3MinThroughput = 125;
    public const int Gp3MaxThroughput = 1000;
    public const double Gp3MaxThroughputPerIops = 0.25;

    /// <summary>FsxLustreSettings.DeploymentType values (the schema's OneOf); ParallelCluster creates SCRATCH_2 when it is left out.</summary>
    public static readonly IReadOnlyList<string> FsxDeploymentTypes = ["SCRATCH_1", "SCRATCH_2", "PERSISTENT_1", "PERSISTENT_2"];
    public const string FsxDefaultDeploymentType = "SCRATCH_2";

    /// <summary>The deployment types that need (and alone accept) PerUnitStorageThroughput (FsxPersistentOptionsValidator).</summary>
    public static readonly IReadOnlyList<string> FsxPersistentDeploymentTypes = ["PERSISTENT_1", "PERSISTENT_2"];

    /// <summary>PerUnitStorageThroughput values, MB/s per TiB, of SSD file systems per deployment type (FSX_SSD_THROUGHPUT).</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<int>> FsxSsdThroughput = new Dictionary<string, IReadOnlyList<int>>
    {
        ["PERSISTENT_1"] = [50, 100, 200], ["PERSISTENT_2"] = [125, 250, 500, 1000],
    };

    /// <summary>PerUnitStorageThroughput values of HDD (PERSISTENT_1) file systems (FSX_HDD_THROUGHPUT).</summary>
    public static readonly IReadOnlyList<int> FsxHddThroughput = [12, 40];

    /// <summary>
    /// The deployment types that link an S3 bucket through ImportPath/ExportPath: FSx's CreateFileSystem refuses them
    /// on PERSISTENT_2, which links S3 through data repository associations instead.
    /// </summary>
    public static readonly IReadOnlyList<string> FsxImportPathDeploymentTypes = ["SCRATCH_1", "SCRATCH_2", "PERSISTENT_1"];

    /// <summary>
    /// FsxStorageCapacityValidator for SSD file systems: SCRATCH_1 takes 1200, 2400 or a multiple of 3600 GiB; SCRATCH_2,
    /// PERSISTENT_1 and PERSISTENT_2 take 1200 or a multiple of 2400 GiB.
    /// </summary>
    public static bool IsFsxLustreCapacity(int gib, string deploymentType) =>
        gib > 0 && (deploymentType == "SCRATCH_1" ? gib is 1200 or 2400 || gib % 3600 == 0 : gib == 1200 || gib % 2400 == 0);

    /// <summary>The smallest capacity of every deployment type: what petal creates when a seed gives no size_gb.</summary>
    public const int FsxMinCapacityGiB = 1200;

    /// <summary>The capacity rule of <paramref name="deploymentType"/> in words ("1200 or a multiple of 2400 GiB").</summary>
    public static string FsxCapacityRule(string deploymentType) =>
        deploymentType == "SCRATCH_1" ? "1200, 2400 or a multiple of 3600 GiB" : "1200 or a multiple of 2400 GiB";

    /// <summary>The valid capacities nearest to <paramref name="gib"/>: the largest below it and the smallest above (only the latter when none is below).</summary>
    public static IReadOnlyList<int> NearestFsxCapacities(int gib, string deploymentType)
    {
        // Valid capacities are 1200, 2400 and the multiples of the type's step.
        var step = deploymentType == "SCRATCH_1" ? 3600 : 2400;
        var below = new[] { 1200, 2400, (gib - 1) / step * step }.Where(c => c > 0 && c < gib).DefaultIfEmpty().Max();
        var above = new[] { 1200, 2400, (gib / step + 1) * step }.Where(c => c > gib).Min();
        return below > 0 ? [below, above] : [above];
    }

    /// <summary>True when <paramref name="version"/> (3.MINOR.PATCH) is at least major.minor; unparsable versions count as the pinned one.</summary>
    public static bool AtLeast(string version, int major, int minor)
    {
        var parts = version.Split('.');
        if (parts.Length < 2 || !int.TryParse(parts[0], out var ma) || !int.TryParse(parts[1], out var mi))
            return AtLeast(PinnedVersion, major, minor);
        return ma > major || (ma == major && mi >= minor);
    }
}
