using Petal.Seeds;

namespace Petal.Providers.Local;

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
    public IReadOnlyList<TwinNode> Nodes { get; set; } = [];
    public long? MemoryCapMiB { get; init; }
    public int? MungedPid { get; set; }
    public int? SlurmctldPid { get; set; }
    public Dictionary<string, int> NodePids { get; set; } = [];
    public List<Providers.ClusterSoftware> Software { get; set; } = [];
    public List<Providers.UnsatisfiedSpec> Unsatisfied { get; set; } = [];
    /// <summary>The seed's user names (created here or reused).</summary>
    public IReadOnlyList<string> SeedUsers { get; init; } = [];
    /// <summary>Users and groups petal added to the host for this twin (removed on delete); pre-existing ones are not listed.</summary>
    public List<string> UsersCreated { get; set; } = [];
    public List<string> GroupsCreated { get; set; } = [];
    public string? Error { get; set; }
}
