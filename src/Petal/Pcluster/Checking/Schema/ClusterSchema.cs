using Petal.Common;
using YamlDotNet.RepresentationModel;

namespace Petal.Pcluster.Checking.Schema;

/// <summary>
/// ParallelCluster 3's cluster schema (cli/src/pcluster/schemas/cluster_schema.py), the part petal writes
/// and the corpus uses: every key listed is known, required keys and enums are checked, ids follow the
/// schema's patterns. Sections petal never writes (Monitoring, DirectoryService, LoginNodes, ...) are
/// accepted as they come, so a hand-written config using them is not refused for that.
/// </summary>
internal static class ClusterSchema
{
    public static MapType For(string version)
    {
        var oses = PclusterFacts.OsesFor(version);
        var any = new AnyType();
        var str = new StrType();
        var boolean = new BoolType();
        var strList = new ListType(str);

        var rootVolume = Map(F("Size", new IntType()), F("Encrypted", boolean), F("VolumeType", new StrType(PclusterFacts.VolumeTypes)),
            F("Iops", new IntType()), F("Throughput", new IntType()), F("DeleteOnTermination", boolean));
        var localStorage = Map(F("RootVolume", rootVolume), F("EphemeralVolume", Map(F("MountDir", str))));
        var action = Map(null, F("Script", str, true), F("Args", strList));
        var actionOrSequence = Map(ScriptOrSequence, F("Script", str), F("Args", strList), F("Sequence", new ListType(action)));
        var headActions = Map(F("OnNodeStart", actionOrSequence), F("OnNodeConfigured", actionOrSequence), F("OnNodeUpdated", actionOrSequence));
        var queueActions = Map(F("OnNodeStart", actionOrSequence), F("OnNodeConfigured", actionOrSequence));
        var s3Access = Map(null, F("BucketName", new StrType(pattern: @"^[\*a-z0-9\-\.]+$"), true), F("KeyName", str), F("EnableWriteAccess", boolean));
        var iam = Map(IamRoles, F("InstanceRole", str), F("InstanceProfile", str), F("S3Access", new ListType(s3Access)),
            F("AdditionalIamPolicies", new ListType(Map(null, F("Policy", str, true)))));
        var sgList = new ListType(new StrType(pattern: Patterns.SecurityGroupId.JsonSchema));
        var subnet = new StrType(pattern: Patterns.SubnetId.JsonSchema);
        var ami = new StrType(pattern: Patterns.AmiId.JsonSchema);
        var tags = new ListType(Map(ReservedTag, F("Key", new StrType(maxLength: 128), true), F("Value", new StrType(maxLength: 256), true)));
        var placementGroup = Map(F("Enabled", boolean), F("Id", str), F("Name", str));

        var headNode = Map(null,
            F("InstanceType", str, true),
            F("Networking", Map(null, F("SubnetId", subnet, true), F("ElasticIp", str), F("SecurityGroups", sgList),
                F("AdditionalSecurityGroups", sgList), F("Proxy", any)), true),
            F("DisableSimultaneousMultithreading", boolean),
            F("Ssh", Map(F("KeyName", str), F("AllowedIps", str))),
            F("LocalStorage", localStorage),
            F("Dcv", Map(F("Enabled", boolean), F("Port", new IntType()), F("AllowedIps", str))),
            F("CustomActions", headActions),
            F("Iam", iam),
            F("Imds", Map(F("Secured", boolean))),
            F("Image", Map(F("CustomAmi", ami))),
            F("SharedStorageType", new StrType(["Ebs", "Efs"])));

        var computeResource = Map(ComputeResourceShape,
            F("Name", str, true),
            F("InstanceType", str),
            F("Instances", new ListType(Map(null, F("InstanceType", str, true)))),
            F("MinCount", new IntType(min: 0)),
            F("MaxCount", new IntType(min: 1)),
            F("DynamicNodePriority", new IntType()),
            F("StaticNodePriority", new IntType()),
            F("SpotPrice", new FloatType()),
            F("DisableSimultaneousMultithreading", boolean),
            F("SchedulableMemory", new IntType(min: 1)),
            F("HealthChecks", any),
            F("Efa", Map(F("Enabled", boolean), F("GdrSupport", boolean))),
            F("CapacityReservationTarget", any),
            F("Networking", Map(F("PlacementGroup", placementGroup))),
            F("CustomSlurmSettings", any),
            F("Tags", tags),
            F("LaunchTemplateOverrides", any));

        var slurmQueue = Map(null,
            F("Name", str, true),
            F("CapacityType", new StrType(["CAPACITY_BLOCK", "ONDEMAND", "SPOT"])),
            F("AllocationStrategy", new StrType(PclusterFacts.AllocationStrategies)),
            F("Networking", Map(null, F("SubnetIds", new ListType(subnet), true), F("AssignPublicIp", boolean),
                F("SecurityGroups", sgList), F("AdditionalSecurityGroups", sgList), F("PlacementGroup", placementGroup), F("Proxy", any)), true),
            F("ComputeResources", new ListType(computeResource), true),
            F("ComputeSettings", Map(F("LocalStorage", localStorage))),
            F("CustomActions", queueActions),
            F("Iam", iam),
            F("Image", Map(F("CustomAmi", ami))),
            F("HealthChecks", any),
            F("JobExclusiveAllocation", boolean),
            F("Tags", tags),
            F("CustomSlurmSettings", any),
            F("CapacityReservationTarget", any));

        var batchQueue = Map(null,
            F("Name", str, true),
            F("CapacityType", new StrType(["ONDEMAND", "SPOT"])),
            F("Networking", Map(null, F("SubnetIds", new ListType(subnet), true), F("SecurityGroups", sgList), F("AdditionalSecurityGroups", sgList)), true),
            F("ComputeResources", new ListType(Map(null, F("Name", str, true), F("InstanceTypes", strList, true),
                F("MinvCpus", new IntType(min: 0)), F("DesiredvCpus", new IntType(min: 0)), F("MaxvCpus", new IntType(min: 1)),
                F("SpotBidPercentage", new IntType(1, 100)))), true));

        // SlurmSettingsSchema: Database (3.3) and ExternalSlurmdbd (3.10) are the two ways to Slurm accounting.
        var database = Map(null, F("Uri", str, true), F("UserName", str, true),
            F("PasswordSecretArn", new StrType(pattern: "^arn:.*:secret"), true), F("DatabaseName", str));
        var slurmSettings = Map(OneAccounting,
            F("ScaledownIdletime", new IntType(min: -1)),
            F("QueueUpdateStrategy", new StrType(["COMPUTE_FLEET_STOP", "DRAIN", "TERMINATE"])),
            F("EnableMemoryBasedScheduling", boolean),
            F("Database", database),
            F("ExternalSlurmdbd", Map(null, F("Host", str, true), F("Port", new IntType()))),
            F("Dns", any), F("CustomSlurmSettings", any), F("CustomSlurmSettingsIncludeFile", str), F("MungeKeySecretArn", str));

        var scheduling = Map(SchedulingShape,
            F("Scheduler", new StrType(["slurm", "awsbatch"]), true),
            F("SlurmQueues", new ListType(slurmQueue)),
            F("SlurmSettings", slurmSettings),
            F("AwsBatchQueues", new ListType(batchQueue)),
            F("AwsBatchSettings", any),
            F("ScalingStrategy", any));

        var ebs = Map(F("VolumeType", new StrType(PclusterFacts.VolumeTypes)), F("Iops", new IntType()), F("Size", new IntType()),
            F("Encrypted", boolean), F("KmsKeyId", str), F("Throughput", new IntType()),
            F("SnapshotId", new StrType(pattern: Patterns.SnapshotId.JsonSchema)), F("VolumeId", new StrType(pattern: Patterns.VolumeId.JsonSchema)),
            F("DeletionPolicy", new StrType(PclusterFacts.EbsDeletionPolicies)), F("Raid", any));
        var efs = Map(F("Encrypted", boolean), F("KmsKeyId", str), F("PerformanceMode", new StrType(["generalPurpose", "maxIO"])),
            F("ThroughputMode", new StrType(["provisioned", "bursting", "elastic"])), F("ProvisionedThroughput", new IntType(1, 1024)),
            F("FileSystemId", new StrType(pattern: Patterns.EfsId.JsonSchema)), F("DeletionPolicy", new StrType(PclusterFacts.FileSystemDeletionPolicies)),
            F("EncryptionInTransit", boolean), F("IamAuthorization", boolean), F("AccessPointId", str));
        var fsx = Map(F("StorageCapacity", new IntType()),
            F("DeploymentType", new StrType(["SCRATCH_1", "SCRATCH_2", "PERSISTENT_1", "PERSISTENT_2"])),
            F("ImportedFileChunkSize", new IntType(1, 512000)), F("DataCompressionType", new StrType(["LZ4"])),
            F("ExportPath", str), F("ImportPath", str), F("WeeklyMaintenanceStartTime", str), F("AutomaticBackupRetentionDays", new IntType(0, 35)),
            F("CopyTagsToBackups", boolean), F("DailyAutomaticBackupStartTime", str), F("PerUnitStorageThroughput", new IntType()),
            F("BackupId", str), F("KmsKeyId", str), F("FileSystemId", new StrType(pattern: Patterns.FsxId.JsonSchema)),
            F("AutoImportPolicy", new StrType(["NEW", "NEW_CHANGED", "NEW_CHANGED_DELETED"])), F("DriveCacheType", new StrType(["READ"])),
            F("StorageType", new StrType(["HDD", "SSD"])), F("DeletionPolicy", new StrType(PclusterFacts.FileSystemDeletionPolicies)),
            F("DataRepositoryAssociations", any));
        var sharedStorage = Map(SettingsMatchType,
            F("Name", str, true),
            F("StorageType", new StrType(["Ebs", "Efs", "FsxLustre", "FsxOpenZfs", "FsxOntap", "FileCache"]), true),
            F("MountDir", str, true),
            F("EbsSettings", ebs), F("EfsSettings", efs), F("FsxLustreSettings", fsx),
            F("FsxOpenZfsSettings", any), F("FsxOntapSettings", any), F("FileCacheSettings", any));

        return Map(null,
            F("Region", str),
            F("Image", Map(null, F("Os", new StrType(oses), true), F("CustomAmi", ami), F("RootVolume", Map(F("Size", new IntType()), F("Encrypted", boolean)))), true),
            F("HeadNode", headNode, true),
            F("Scheduling", scheduling, true),
            F("SharedStorage", new ListType(sharedStorage)),
            F("LoginNodes", any), F("Monitoring", any), F("AdditionalPackages", any), F("Tags", tags), F("Iam", any),
            F("DirectoryService", any), F("Imds", any), F("CustomS3Bucket", str), F("AdditionalResources", str),
            F("DevSettings", Map(F("Timeouts", Map(F("HeadNodeBootstrapTimeout", new IntType(min: 1)), F("ComputeNodeBootstrapTimeout", new IntType(min: 1)))),
                F("ClusterTemplate", any), F("AmiSearchFilters", any), F("Cookbook", any), F("NodePackage", any), F("AwsBatchCliPackage", any),
                F("InstanceTypesData", any), F("ComputeStartupTimeMetricEnabled", any))),
            F("DeploymentSettings", any));
    }

    /// <summary>SlurmComputeResourceSchema's @validates_schema: exactly one of InstanceType and Instances.</summary>
    private static IEnumerable<string> ComputeResourceShape(YamlMappingNode cr)
    {
        if ((cr.Get("InstanceType") is null) == (cr.Get("Instances") is null))
            yield return "A Compute Resource needs to specify either InstanceType or Instances.";
        var types = cr.List("Instances").OfType<YamlMappingNode>().Select(i => i.Str("InstanceType")).OfType<string>().ToList();
        foreach (var duplicate in types.GroupBy(t => t, StringComparer.Ordinal).Where(g => g.Count() > 1))
            yield return $"Duplicate instance type ({duplicate.Key}) detected.";
    }

    /// <summary>The schemas' validate_no_reserved_tag: ParallelCluster tags its resources with keys of its own prefix.</summary>
    private static IEnumerable<string> ReservedTag(YamlMappingNode tag)
    {
        if (tag.Str("Key") is { } key && key.StartsWith(PclusterFacts.ReservedTagPrefix, StringComparison.Ordinal))
            yield return $"The tag key prefix '{PclusterFacts.ReservedTagPrefix}' is reserved and cannot be used.";
    }

    /// <summary>CustomActionScriptSchema: a script, or a sequence of them, not both.</summary>
    private static IEnumerable<string> ScriptOrSequence(YamlMappingNode a)
    {
        if ((a.Get("Script") is null) == (a.Get("Sequence") is null)) yield return "Either Script or Sequence field must be provided.";
    }

    /// <summary>IamSchema: S3Access is granted through the role ParallelCluster creates, so not with your own role or profile.</summary>
    private static IEnumerable<string> IamRoles(YamlMappingNode iam)
    {
        if (iam.Get("S3Access") is not null && (iam.Get("InstanceRole") is not null || iam.Get("InstanceProfile") is not null))
            yield return "S3Access can not be used together with InstanceRole or InstanceProfile.";
    }

    /// <summary>SharedStorageSchema: only the settings section of the storage type.</summary>
    private static IEnumerable<string> SettingsMatchType(YamlMappingNode s)
    {
        var type = s.Str("StorageType");
        foreach (var key in new[] { "EbsSettings", "EfsSettings", "FsxLustreSettings", "FsxOpenZfsSettings", "FsxOntapSettings", "FileCacheSettings" })
            if (s.Get(key) is not null && key != type + "Settings")
                yield return $"SharedStorage > {key} section is not appropriate to the StorageType {type}.";
    }

    /// <summary>SchedulingSchema's @validates_schema: the scheduler's queue section must be there.</summary>
    /// <summary>SlurmSettingsSchema: Slurm accounting through a Database or an ExternalSlurmdbd, not both.</summary>
    private static IEnumerable<string> OneAccounting(YamlMappingNode s)
    {
        if (s.Get("Database") is not null && s.Get("ExternalSlurmdbd") is not null)
            yield return "Database and ExternalSlurmdbd cannot be used together: use one of them for Slurm accounting.";
    }

    private static IEnumerable<string> SchedulingShape(YamlMappingNode s)
    {
        var scheduler = s.Str("Scheduler");
        if (scheduler == "slurm" && s.Get("SlurmQueues") is null) yield return "SlurmQueues section must be specified";
        if (scheduler == "awsbatch" && s.Get("AwsBatchQueues") is null) yield return "AwsBatchQueues section must be specified";
    }

    private static MapType Map(params Fld[] fields) => Map(null, fields);

    private static MapType Map(Func<YamlMappingNode, IEnumerable<string>>? validate, params Fld[] fields) =>
        new(fields.ToDictionary(f => f.Key, f => new SchemaField(f.Type, f.Required)), validate);

    private readonly record struct Fld(string Key, SchemaType Type, bool Required = false);

    private static Fld F(string key, SchemaType type, bool required = false) => new(key, type, required);
}
