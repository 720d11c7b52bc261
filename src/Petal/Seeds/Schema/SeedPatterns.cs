namespace Petal.Seeds.Schema;

/// <summary>Regular expressions shared by the rules and the JSON Schema (ParallelCluster 3.12 and Linux rules).</summary>
public static class SeedPatterns
{
    public const string ClusterName = "^[a-zA-Z][a-zA-Z0-9-]{0,59}$";
    public const string QueueName = "^[a-z][a-z0-9-]*$";
    public const string UserName = "^[a-z_][a-z0-9_-]{0,31}$";
    /// <summary>ParallelCluster's tag-value regex (ASCII word characters: the name reaches bash).</summary>
    public const string StorageName = "^[A-Za-z0-9_+\\-=.:@/]{1,30}$";
    public const string MountPath = "^/[A-Za-z0-9._/-]*$";
    public const string SnapshotId = "^snap-[0-9a-z]{8}$|^snap-[0-9a-z]{17}$";
    public const string FileSystemId = "^fs-[0-9a-z]{8}$|^fs-[0-9a-z]{17}$";
    public const string SpackVersion = "^(develop|[0-9]+\\.[0-9]+(\\.[0-9]+)?)$";
    public const string ParallelClusterVersion = "^3\\.[0-9]+\\.[0-9]+$";
    public const string S3Bucket = "^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$";
}
