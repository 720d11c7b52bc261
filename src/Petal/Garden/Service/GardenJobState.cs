namespace Petal.Garden.Service;

/// <summary>Where a job is in its life: submitted → assigned → accepted → running → completed/failed/cancelled.</summary>
public enum GardenJobState
{
    /// <summary>Stored but not placed (no cluster can take it right now); the lease sweeper retries.</summary>
    Submitted,
    /// <summary>Placed on a cluster, waiting for the cluster to accept it within the lease.</summary>
    Assigned,
    Accepted,
    Running,
    Completed,
    Failed,
    Cancelled,
}

public static class GardenJobStates
{
    public static bool IsFinal(this GardenJobState state) =>
        state is GardenJobState.Completed or GardenJobState.Failed or GardenJobState.Cancelled;

    /// <summary>
    /// States a cluster may report for a job it accepted, and from which states (accepted → accepted attaches the
    /// cluster's own job id; cancelled only after the submitter asked for it).
    /// </summary>
    public static bool CanReport(GardenJobState from, GardenJobState to, bool cancelRequested) => (from, to) switch
    {
        (GardenJobState.Accepted, GardenJobState.Accepted or GardenJobState.Running) => true,
        (GardenJobState.Accepted or GardenJobState.Running, GardenJobState.Cancelled) => cancelRequested,
        (GardenJobState.Accepted or GardenJobState.Running, GardenJobState.Completed or GardenJobState.Failed) => true,
        (GardenJobState.Running, GardenJobState.Running) => true,
        _ => false,
    };
}
