using Petal.Catalog;
using Petal.Common;
using Petal.Pcluster.Checking.Rules;
using Petal.Pcluster.Checking.Schema;

namespace Petal.Pcluster.Checking;

/// <summary>
/// ParallelCluster's offline answer for a cluster config: YAML, then the schema (a schema error stops there,
/// as ParallelCluster's load does), then every validator that needs no AWS call, with EC2 instance facts from
/// the catalog. Agrees with ParallelCluster 3.12 on every entry of tests/corpora/pcluster (ConfigCheckerConformanceTests).
/// </summary>
public static class ConfigChecker
{
    public const string SchemaRule = "Schema";
    public const string YamlRule = "YAML";

    /// <summary>Every validator, in ParallelCluster's order of registration where it matters for reading.</summary>
    public static readonly IReadOnlyList<ConfigRule> Rules =
    [
        new RegionValidator(), new SchedulerOsValidator(), new OsCustomAmiValidator(),
        new NameValidator(), new DuplicateNameValidator(), new MaxCountValidator(), new ComputeResourceSizeValidator(),
        new InstanceTypeValidator(), new InstanceArchitectureCompatibilityValidator(),
        new DisableSimultaneousMultithreadingArchitectureValidator(), new InstanceTypePlacementGroupValidator(),
        new InstanceTypeAcceleratorManufacturerValidator(),
        new EfaValidator(), new EfaPlacementGroupValidator(), new EfaMultiAzValidator(),
        new QueueSubnetsValidator(), new MultiAzPlacementGroupValidator(), new ManagedFsxMultiAzValidator(),
        new InstancesCPUValidator(), new InstancesAcceleratorsValidator(), new InstancesEFAValidator(),
        new InstancesNetworkingValidator(), new InstancesAllocationStrategyValidator(),
        new SharedStorageNameValidator(), new NumberOfStorageValidator(), new SharedStorageMountDirValidator(),
        new DuplicateMountDirValidator(), new OverlappingMountDirValidator(),
        new EbsVolumeTypeSizeValidator(), new EbsVolumeIopsValidator(), new EbsVolumeThroughputValidator(),
        new EbsVolumeThroughputIopsValidator(), new FsxS3Validator(), new FsxPersistentOptionsValidator(),
        new FsxStorageTypeOptionsValidator(), new FsxStorageCapacityValidator(), new DatabaseUriValidator(),
    ];

    private static readonly Dictionary<string, MapType> Schemas = [];

    /// <summary>Every finding for <paramref name="yaml"/>, errors and warnings.</summary>
    public static IReadOnlyList<ConfigFinding> Check(string yaml, ICatalog catalog, string version = PclusterFacts.PinnedVersion)
    {
        var root = ConfigYaml.Load(yaml, out var problem);
        if (root is null) return [new ConfigFinding(YamlRule, Severity.Error, "", problem!)];

        var findings = new List<ConfigFinding>();
        SchemaFor(version).Check(root, "", findings);
        if (findings.Count > 0) return findings;

        var context = new ConfigRuleContext(ConfigView.From(root), catalog, version);
        foreach (var rule in Rules)
            if (!rule.NeedsInstanceFacts || context.InstanceFactsKnown)
                findings.AddRange(rule.Check(context));
        return findings;
    }

    private static MapType SchemaFor(string version)
    {
        lock (Schemas)
        {
            var key = string.Join(",", PclusterFacts.OsesFor(version));
            if (!Schemas.TryGetValue(key, out var schema)) Schemas[key] = schema = ClusterSchema.For(version);
            return schema;
        }
    }
}
