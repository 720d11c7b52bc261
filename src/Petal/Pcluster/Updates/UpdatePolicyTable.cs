namespace Petal.Pcluster.Updates;

/// <summary>
/// The update policy of each cluster config parameter, as ParallelCluster 3.12's schema annotates it
/// (aws/aws-parallelcluster <c>cli/src/pcluster/schemas/cluster_schema.py</c>, <c>metadata={"update_policy": ...}</c>,
/// and the user guide's LoginNodes policies). Paths write a keyed list item as <c>[]</c>
/// (<c>Scheduling.SlurmQueues[].ComputeResources[].MaxCount</c>). A parameter not listed takes the policy of its
/// nearest listed section; one under no listed section is <see cref="UpdatePolicy.Unknown"/>, which pcluster refuses.
/// </summary>
public static class UpdatePolicyTable
{
    /// <summary>Lists whose items pcluster matches by a key (the schema's <c>update_key</c>), so adding or removing one is one change.</summary>
    public static readonly IReadOnlyDictionary<string, string> ListKeys = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Scheduling.SlurmQueues"] = "Name",
        ["Scheduling.SlurmQueues[].ComputeResources"] = "Name",
        ["Scheduling.SlurmQueues[].ComputeResources[].Instances"] = "InstanceType",
        ["SharedStorage"] = "Name",
        ["LoginNodes.Pools"] = "Name",
        ["Tags"] = "Key",
        ["HeadNode.Iam.S3Access"] = "BucketName",
        ["HeadNode.Iam.AdditionalIamPolicies"] = "Policy",
        ["Scheduling.SlurmQueues[].Iam.S3Access"] = "BucketName",
        ["Scheduling.SlurmQueues[].Iam.AdditionalIamPolicies"] = "Policy",
    };

    private const UpdatePolicy S = UpdatePolicy.Supported, U = UpdatePolicy.Unsupported, Cfs = UpdatePolicy.ComputeFleetStop,
        Qus = UpdatePolicy.QueueUpdateStrategy, Pg = UpdatePolicy.ManagedPlacementGroup, Ign = UpdatePolicy.Ignored;

    private static readonly Dictionary<string, UpdatePolicy> Policies = new(StringComparer.Ordinal)
    {
        ["Region"] = U, ["Image"] = U, ["Tags"] = U, ["Imds"] = U, ["CustomS3Bucket"] = U, ["AdditionalPackages"] = U,
        ["AdditionalResources"] = S, ["Iam"] = S, ["DirectoryService"] = Cfs,
        ["DevSettings"] = S, ["DevSettings.Timeouts.HeadNodeBootstrapTimeout"] = U, ["DevSettings.AmiSearchFilters"] = U,
        ["Monitoring"] = S, ["Monitoring.DetailedMonitoring"] = U, ["Monitoring.Logs"] = U,
        ["Monitoring.Logs.CloudWatch.RetentionInDays"] = S, ["Monitoring.Logs.CloudWatch.DeletionPolicy"] = S,

        ["HeadNode"] = S, ["HeadNode.InstanceType"] = U, ["HeadNode.DisableSimultaneousMultithreading"] = U,
        ["HeadNode.Networking"] = U, ["HeadNode.Networking.SecurityGroups"] = S, ["HeadNode.Networking.AdditionalSecurityGroups"] = S,
        ["HeadNode.Ssh"] = S, ["HeadNode.Ssh.KeyName"] = U, ["HeadNode.Ssh.AllowedIps"] = S,
        ["HeadNode.LocalStorage"] = S, ["HeadNode.LocalStorage.RootVolume"] = U, ["HeadNode.LocalStorage.EphemeralVolume"] = U,
        ["HeadNode.Dcv"] = U, ["HeadNode.Dcv.AllowedIps"] = S,
        ["HeadNode.CustomActions"] = U, ["HeadNode.CustomActions.OnNodeUpdated"] = S,
        ["HeadNode.Iam"] = S, ["HeadNode.Iam.InstanceProfile"] = U, ["HeadNode.Imds"] = U, ["HeadNode.Image"] = U,

        ["Scheduling"] = U, ["Scheduling.Scheduler"] = U,
        ["Scheduling.SlurmSettings"] = Ign, ["Scheduling.SlurmSettings.QueueUpdateStrategy"] = Ign,
        ["Scheduling.SlurmSettings.ScaledownIdletime"] = Cfs, ["Scheduling.SlurmSettings.Dns"] = U,
        ["Scheduling.SlurmSettings.EnableMemoryBasedScheduling"] = Cfs, ["Scheduling.SlurmSettings.Database"] = Cfs,
        ["Scheduling.SlurmSettings.MungeKeySecretArn"] = Cfs, ["Scheduling.SlurmSettings.CustomSlurmSettings"] = Cfs,
        ["Scheduling.SlurmQueues"] = UpdatePolicy.ComputeFleetStopOnRemove,
        ["Scheduling.SlurmQueues[].Name"] = U,
        ["Scheduling.SlurmQueues[].CapacityType"] = Qus, ["Scheduling.SlurmQueues[].AllocationStrategy"] = Qus,
        ["Scheduling.SlurmQueues[].ComputeSettings"] = Qus, ["Scheduling.SlurmQueues[].CustomActions"] = Qus,
        ["Scheduling.SlurmQueues[].Image"] = Qus, ["Scheduling.SlurmQueues[].CustomSlurmSettings"] = Qus, ["Scheduling.SlurmQueues[].CapacityReservationTarget"] = Qus,
        ["Scheduling.SlurmQueues[].Iam"] = S, ["Scheduling.SlurmQueues[].Iam.InstanceProfile"] = Cfs,
        ["Scheduling.SlurmQueues[].Networking"] = Qus, ["Scheduling.SlurmQueues[].Networking.SubnetIds"] = UpdatePolicy.ManagedFsx,
        ["Scheduling.SlurmQueues[].Networking.AssignPublicIp"] = U, ["Scheduling.SlurmQueues[].Networking.PlacementGroup"] = Pg,
        ["Scheduling.SlurmQueues[].Networking.SecurityGroups"] = S, ["Scheduling.SlurmQueues[].Networking.AdditionalSecurityGroups"] = S,
        ["Scheduling.SlurmQueues[].ComputeResources"] = UpdatePolicy.ComputeFleetStopOnRemove,
        ["Scheduling.SlurmQueues[].ComputeResources[].Name"] = U,
        ["Scheduling.SlurmQueues[].ComputeResources[].InstanceType"] = Cfs,
        ["Scheduling.SlurmQueues[].ComputeResources[].Instances"] = UpdatePolicy.ComputeFleetStopOnRemove,
        ["Scheduling.SlurmQueues[].ComputeResources[].Instances[].InstanceType"] = Cfs,
        ["Scheduling.SlurmQueues[].ComputeResources[].MaxCount"] = UpdatePolicy.MaxCount,
        ["Scheduling.SlurmQueues[].ComputeResources[].MinCount"] = Cfs,
        ["Scheduling.SlurmQueues[].ComputeResources[].SpotPrice"] = Qus,
        ["Scheduling.SlurmQueues[].ComputeResources[].Efa"] = Qus,
        ["Scheduling.SlurmQueues[].ComputeResources[].DisableSimultaneousMultithreading"] = Cfs,
        ["Scheduling.SlurmQueues[].ComputeResources[].SchedulableMemory"] = Qus,
        ["Scheduling.SlurmQueues[].ComputeResources[].CapacityReservationTarget"] = Qus,
        ["Scheduling.SlurmQueues[].ComputeResources[].Networking"] = Pg,
        ["Scheduling.SlurmQueues[].ComputeResources[].StaticNodePriority"] = S,
        ["Scheduling.SlurmQueues[].ComputeResources[].DynamicNodePriority"] = S,

        ["SharedStorage"] = UpdatePolicy.SharedStorageUpdatePolicy, ["SharedStorage[].MountDir"] = UpdatePolicy.SharedStorageUpdatePolicy,
        ["SharedStorage[].Name"] = U, ["SharedStorage[].StorageType"] = U,
        ["SharedStorage[].EbsSettings"] = U, ["SharedStorage[].EbsSettings.Iops"] = S, ["SharedStorage[].EbsSettings.Throughput"] = S,
        ["SharedStorage[].EbsSettings.DeletionPolicy"] = S,
        ["SharedStorage[].EfsSettings"] = U, ["SharedStorage[].EfsSettings.ThroughputMode"] = S,
        ["SharedStorage[].EfsSettings.ProvisionedThroughput"] = S, ["SharedStorage[].EfsSettings.DeletionPolicy"] = S,
        ["SharedStorage[].FsxLustreSettings"] = U, ["SharedStorage[].FsxLustreSettings.StorageCapacity"] = U,
        ["SharedStorage[].FsxLustreSettings.DeploymentType"] = U, ["SharedStorage[].FsxLustreSettings.PerUnitStorageThroughput"] = U,
        ["SharedStorage[].FsxLustreSettings.ImportPath"] = U, ["SharedStorage[].FsxLustreSettings.ExportPath"] = U,
        ["SharedStorage[].FsxLustreSettings.WeeklyMaintenanceStartTime"] = S,
        ["SharedStorage[].FsxLustreSettings.AutomaticBackupRetentionDays"] = S,
        ["SharedStorage[].FsxLustreSettings.DailyAutomaticBackupStartTime"] = S,
        ["SharedStorage[].FsxLustreSettings.DataCompressionType"] = S, ["SharedStorage[].FsxLustreSettings.DeletionPolicy"] = S,

        ["LoginNodes"] = UpdatePolicy.LoginNodesStop, ["LoginNodes.Pools[].Count"] = S,
    };

    /// <summary>The policy of a parameter path in <c>[]</c> form: its own, else its nearest listed section's, else Unknown.</summary>
    public static UpdatePolicy For(string pattern)
    {
        for (var p = pattern; p.Length > 0; p = Parent(p))
            if (Policies.TryGetValue(p, out var policy)) return policy;
        return UpdatePolicy.Unknown;
    }

    private static string Parent(string pattern)
    {
        if (pattern.EndsWith("[]", StringComparison.Ordinal)) return pattern[..^2];
        var dot = pattern.LastIndexOf('.');
        return dot < 0 ? "" : pattern[..dot];
    }
}
