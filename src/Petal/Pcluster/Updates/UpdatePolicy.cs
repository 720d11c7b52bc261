namespace Petal.Pcluster.Updates;

/// <summary>
/// ParallelCluster 3.12's update policies (aws/aws-parallelcluster <c>cli/src/pcluster/config/update_policy.py</c>),
/// by the names pcluster prints. Which one a config parameter has is <see cref="UpdatePolicyTable"/>.
/// </summary>
public enum UpdatePolicy
{
    /// <summary>Not shown, never blocks (Scheduling.SlurmSettings.QueueUpdateStrategy, settings sections).</summary>
    Ignored,
    Supported,
    /// <summary>Raising MaxCount is live; shrinking needs the compute fleet stopped.</summary>
    MaxCount,
    /// <summary>Fleet stopped, or QueueUpdateStrategy DRAIN/TERMINATE so the queue's nodes are replaced.</summary>
    QueueUpdateStrategy,
    /// <summary>Deleting a managed placement group needs the fleet stopped; otherwise as <see cref="QueueUpdateStrategy"/>.</summary>
    ManagedPlacementGroup,
    /// <summary>Removing a storage or moving its MountDir needs the fleet stopped; otherwise as <see cref="QueueUpdateStrategy"/>.</summary>
    SharedStorageUpdatePolicy,
    /// <summary>Adding a list item (queue, compute resource, instance type) is live; removing one needs the fleet stopped.</summary>
    ComputeFleetStopOnRemove,
    ComputeFleetStop,
    /// <summary>Queue subnets: adding is live, blocked while a managed FSx for Lustre exists, otherwise as <see cref="QueueUpdateStrategy"/>.</summary>
    ManagedFsx,
    /// <summary>Login node pools: adding one is live; anything else needs the login nodes stopped.</summary>
    LoginNodesStop,
    /// <summary>No policy in petal's table: pcluster's default (UNKNOWN) refuses the update.</summary>
    Unknown,
    Unsupported,
}

/// <summary>What applying a change takes, from least to most disruptive (an update takes the most any change needs).</summary>
public enum UpdateRequirement
{
    /// <summary>Applied to the running cluster.</summary>
    Live,
    /// <summary>The queue's nodes are drained and replaced (QueueUpdateStrategy DRAIN or TERMINATE in the config).</summary>
    DrainQueue,
    /// <summary>The compute fleet is stopped for the update and started again after it.</summary>
    StopFleet,
    /// <summary>Every login node pool must have Count 0 first.</summary>
    StopLoginNodes,
    /// <summary>pcluster refuses it: the change needs a new cluster.</summary>
    NewCluster,
}

/// <summary>One difference between the recorded and the new cluster config, with what ParallelCluster needs to apply it.</summary>
/// <param name="Path">ParallelCluster's notation: <c>Scheduling.SlurmQueues[cpu].ComputeResources[c6i-large].MaxCount</c>.</param>
/// <param name="Old">The recorded value (null: absent, e.g. an added queue).</param>
/// <param name="New">The new value (null: removed).</param>
/// <param name="Reason">pcluster's reason when it is not <see cref="UpdateRequirement.Live"/>, else empty.</param>
public sealed record ConfigChange(string Path, string? Old, string? New, UpdatePolicy Policy, UpdateRequirement Requirement, string Reason);

/// <summary>Every change of an update and what the whole update needs (the most any change needs; Live when there is none).</summary>
public sealed record ConfigUpdate(IReadOnlyList<ConfigChange> Changes)
{
    public UpdateRequirement Requirement => Changes.Count == 0 ? UpdateRequirement.Live : Changes.Max(c => c.Requirement);
    public bool Empty => Changes.Count == 0;
    public bool Refused => Requirement == UpdateRequirement.NewCluster;
}
