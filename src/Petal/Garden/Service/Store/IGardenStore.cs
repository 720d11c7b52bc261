namespace Petal.Garden.Service.Store;

/// <summary>
/// Durable state of the garden service. Every method is one transaction: it either stores everything it was
/// given or nothing, and has committed when it returns. Implementations are thread-safe; several processes may share
/// one store (PostgreSQL), so what a process holds in memory is refreshed through <see cref="ClustersChangedSince"/>.
/// </summary>
public interface IGardenStore : IDisposable
{
    /// <summary>
    /// Clusters registered or whose subsystems changed, states updated and clusters deleted after
    /// <paramref name="version"/> (0 = every cluster), read in one snapshot, with the version to ask from next time.
    /// </summary>
    ClusterChanges ClustersChangedSince(long version);

    /// <summary>False (and nothing stored) when a cluster of that name exists.</summary>
    bool InsertCluster(ClusterRecord cluster);

    /// <summary>Removes the cluster, its subsystems and state; its jobs not yet accepted go back to Submitted.</summary>
    bool DeleteCluster(string name, DateTimeOffset now);

    /// <summary>False (and nothing stored) when the cluster already has a subsystem of that name.</summary>
    bool InsertSubsystem(string cluster, string name, string graph);

    bool DeleteSubsystem(string cluster, string name);

    void SaveState(string cluster, string stateJson);

    /// <summary>
    /// Inserts the job; when its request id is taken, stores nothing and returns the existing job's id. Asynchronous,
    /// as <see cref="FindJobByRequestIdAsync"/>: both run on every submission, and a request thread blocked on the
    /// database starves the others under load (docs/garden-service.md, "Threads and connections").
    /// </summary>
    Task<(long Id, bool Inserted)> InsertJobAsync(JobRecord job, CancellationToken cancellation = default);

    JobRecord? FindJob(long id);

    Task<JobRecord?> FindJobByRequestIdAsync(string requestId, CancellationToken cancellation = default);

    /// <summary>Jobs in a state, oldest first; cluster null = any; max &lt; 1 = all.</summary>
    IReadOnlyList<JobRecord> JobsInState(GardenJobState state, string? cluster, int max);

    /// <summary>Jobs the cluster accepted and has not finished: accepted or running, oldest first.</summary>
    IReadOnlyList<JobRecord> JobsOnCluster(string cluster);

    /// <summary>Assigned jobs whose lease started before <paramref name="assignedBefore"/>.</summary>
    IReadOnlyList<JobRecord> ExpiredAssignments(DateTimeOffset assignedBefore);

    /// <summary>Marks the cluster's assigned jobs among <paramref name="ids"/> accepted; returns how many.</summary>
    int AcceptJobs(string cluster, IReadOnlyCollection<long> ids, DateTimeOffset now);

    /// <summary>
    /// Replaces the job's row if it is still at <see cref="JobRecord.Revision"/> (nobody changed it since it was
    /// read); false otherwise. Every change of a job's row moves its revision on.
    /// </summary>
    bool UpdateJob(JobRecord job);

    long CountJobs();

    /// <summary>Distinct graphs stored: each text once, however many clusters and subsystems name it.</summary>
    long CountGraphs();
}
