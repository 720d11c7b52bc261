namespace Petal.Seeds.Rules;

/// <summary>Every semantic seed rule, in the order their findings read best.</summary>
public static class SeedRules
{
    public static readonly IReadOnlyList<SeedRule> All =
    [
        new ClusterNameRule(), new RegionRule(), new OsCustomAmiRule(), new OsVersionRule(), new ParallelClusterVersionRule(),
        new InstanceTypeRule(), new ArchitectureRule(), new QueueNameRule(), new QueueDuplicateRule(), new QueueTypeDuplicateRule(), new QueueLimitRule(),
        new ComputeResourceLimitRule(), new QueueCountsRule(), new QueueMaxPerResourceRule(),
        new AllocationStrategyRule(), new EfaRule(), new PlacementGroupRule(), new SpotSupportRule(),
        new QueueSubnetsRule(), new QueueFallbackRule(), new CostGuardRule(), new TagsRule(),
        new UserNameRule(), new UserReservedRule(), new UserDuplicateRule(), new UserIdRangeRule(),
        new S3BucketNameRule(), new MountPathRule(), new MountReservedRule(), new MountConflictRule(), new SharedLayoutMountRule(), new EphemeralMountRule(),
        new StorageNameRule(), new StorageCountRule(), new StorageFieldsRule(), new AccountingRule(),
        new SpackVersionRule(), new ShellSafetyRule(), new SpackSpecRule(), new SpackDuplicateRule(),
    ];
}
