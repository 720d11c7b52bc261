using Petal.Seeds;

namespace Petal.Providers.Local;

/// <summary>A host group by name and gid.</summary>
public sealed record HostGroup(string Name, int Gid);

public static class TwinStatus
{
    public const string Creating = "creating";
    public const string Ready = "ready";
    public const string Failed = "failed";
    public const string Deleting = "deleting";
}

/// <summary>
/// Everything petal must know to report on and tear down a twin, written to state.json as soon as each
/// thing exists (pids included), so a crashed or killed petal leaves enough for the next delete.
/// </summary>
public sealed record TwinState
{
    public required string Name { get; init; }
    public required string Root { get; init; }
    public string Status { get; set; } = TwinStatus.Creating;
    /// <summary>The petal process creating the twin; a twin stuck in "creating" whose owner is gone is debris.</summary>
    public int OwnerPid { get; set; }
    public string? SeedFile { get; init; }
    public SoftwareLayout Layout { get; init; }
    public bool BrokenSoftwareView { get; init; }
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
    public int ControllerPort { get; init; }
    public int SuspendTimeSeconds { get; init; }
    public IReadOnlyList<string> Queues { get; init; } = [];
    /// <summary>Slurm PriorityTier of the partitions that take part in an on-demand fallback (<see cref="TwinTopology.PriorityTiers"/>).</summary>
    public IReadOnlyDictionary<string, int> PriorityTiers { get; init; } = new Dictionary<string, int>();
    public IReadOnlyList<TwinNode> Nodes { get; set; } = [];
    public long? MemoryCapMiB { get; init; }
    public int? MungedPid { get; set; }
    public int? SlurmctldPid { get; set; }
    /// <summary>Slurm accounting of the seed's scheduler.accounting (null without): the twin's own slurmdbd and MariaDB.</summary>
    public TwinAccounting? Accounting { get; init; }
    public int? MariaDbPid { get; set; }
    public int? SlurmdbdPid { get; set; }
    public Dictionary<string, int> NodePids { get; set; } = [];
    public List<Providers.ClusterSoftware> Software { get; set; } = [];
    public List<Providers.UnsatisfiedSpec> Unsatisfied { get; set; } = [];
    /// <summary>The seed's user names (created here or reused).</summary>
    public IReadOnlyList<string> SeedUsers { get; init; } = [];
    /// <summary>
    /// Groups petal adds to the host for this twin, each recorded before its groupadd runs (removed on delete when it
    /// still has that gid and is no account's primary group). Users need no record: each account petal adds carries
    /// its twin in its comment (<see cref="UserAccounts.Marker"/>), written by useradd in the same step.
    /// </summary>
    public List<HostGroup> GroupsCreated { get; set; } = [];
    /// <summary>The seed's S3 mounts then shared storage, as the twin emulates them (index i: <see cref="TwinLayout.MountDir"/>(i)).</summary>
    public IReadOnlyList<TwinMount> Mounts { get; set; } = [];
    /// <summary>
    /// Mount points petal made on the host for <see cref="Mounts"/>, shallowest first, each recorded before it is made;
    /// delete removes those still empty and used by no other twin.
    /// </summary>
    public List<string> HostMountPoints { get; set; } = [];
    public string? Error { get; set; }

    /// <summary>The TCP ports the twin uses (controller, each node), so another twin or an update allocates around them.</summary>
    public IEnumerable<(int First, int Count)> PortsTaken() =>
        Nodes.Select(n => (n.Port, 1)).Prepend((ControllerPort, 1))
            .Concat(Accounting is { } a ? [(a.DatabasePort, 1), (a.SlurmdbdPort, 1)] : []);
}
