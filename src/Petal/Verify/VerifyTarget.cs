using Petal.Seeds;

namespace Petal.Verify;

/// <summary>A queue as the tests see it: its name and how many nodes it can give one job.</summary>
public sealed record QueueTarget(string Name, int MaxNodes);

/// <summary>
/// The cluster under test, as the phases need it: what the seed promised (packages, users, S3 mounts),
/// where the layout puts the software, the queues, and what its instances cost per hour (zero for a twin).
/// </summary>
public sealed record VerifyTarget
{
    public required string Name { get; init; }
    public required string Provider { get; init; }
    public required SoftwareLayout Layout { get; init; }
    public string? SeedFile { get; init; }
    /// <summary>Where compute nodes must see the packages (/opt/spack, /shared/spack).</summary>
    public required string SoftwareRoot { get; init; }
    public required IReadOnlyList<QueueTarget> Queues { get; init; }
    public required IReadOnlyList<string> Packages { get; init; }
    public IReadOnlyList<SeedUser> Users { get; init; } = [];
    public IReadOnlyList<S3Mount> S3Mounts { get; init; } = [];
    /// <summary>The seed's shared-storage mount directories (EBS, EFS, FSx).</summary>
    public IReadOnlyList<string> StorageMounts { get; init; } = [];
    /// <summary>Mount directory → why the cluster lacks it (<see cref="Providers.ClusterFacts.MountsNotEmulated"/>): its checks are skipped.</summary>
    public IReadOnlyDictionary<string, string> MountsNotEmulated { get; init; } = new Dictionary<string, string>();
    /// <summary>Mount directory → what stands in for it (a twin's local directory): said beside a passing check.</summary>
    public IReadOnlyDictionary<string, string> MountsEmulated { get; init; } = new Dictionary<string, string>();
    public string? NotEmulated(string dir) => MountsNotEmulated.GetValueOrDefault(Seeds.Rules.MountDirs.Key(dir));
    public string? Emulated(string dir) => MountsEmulated.GetValueOrDefault(Seeds.Rules.MountDirs.Key(dir));
    public decimal HeadPricePerHour { get; init; }
    /// <summary>Queue → price of one of its nodes per hour (the dearest type of a flexible queue).</summary>
    public IReadOnlyDictionary<string, decimal> QueuePricePerHour { get; init; } = new Dictionary<string, decimal>();
    public string CostBasis { get; init; } = "";
}
