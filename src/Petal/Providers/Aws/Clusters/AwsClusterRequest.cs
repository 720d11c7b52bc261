using Petal.Plans;

namespace Petal.Providers.Aws.Clusters;

/// <summary>The values petal resolves on AWS; the cluster config is planned again with them.</summary>
public sealed record ClusterInputs(
    string Region, string SubnetId, string Bucket, string ScriptPrefix, string? KeyName, string? ImageId, string? SnapshotId,
    IReadOnlyList<string> AdditionalSecurityGroups);

/// <summary>One `petal create --provider aws`: the rendered plan and the user's choices.</summary>
public sealed record AwsClusterRequest
{
    public required string Name { get; init; }
    public required string Os { get; init; }
    public string? Fingerprint { get; init; }
    /// <summary>Recorded in the cluster's state (see <see cref="AwsClusterState.SeedFile"/>).</summary>
    public string? SeedFile { get; init; }
    public PlanOptions? PlanOptions { get; init; }
    /// <summary>Plan files (relative path → content) uploaded to the petal bucket, e.g. bootstrap/on-node-configured.sh.</summary>
    public IReadOnlyDictionary<string, string> Files { get; init; } = new Dictionary<string, string>();
    /// <summary>Key prefix of those files in the bucket (the plan's S3 keys); default <c>clusters/&lt;name&gt;/</c>.</summary>
    public string? ScriptPrefix { get; init; }
    /// <summary>Plans cluster-config.yaml again once the subnet, bucket, image or snapshot and the SSH group are known.</summary>
    public required Func<ClusterInputs, string> RenderConfig { get; init; }
    public string? KeyName { get; init; }
    public string? SubnetId { get; init; }
    public string? ImageId { get; init; }
    public string? SnapshotId { get; init; }
    /// <summary>Source of SSH to the head node when petal creates the network (the caller's address/32).</summary>
    public string? SshCidr { get; init; }
    /// <summary>The ParallelCluster version the plan was rendered for.</summary>
    public string ParallelClusterVersion { get; init; } = PclusterCli.PinnedVersion;
    /// <summary>The seed's cost-allocation tags, put on the network petal creates (ParallelCluster tags its own from the config).</summary>
    public IReadOnlyList<Seeds.SeedTag> Tags { get; init; } = [];
}

public sealed record ClusterLifecycleOptions
{
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan CreateTimeout { get; init; } = TimeSpan.FromHours(2);
    public TimeSpan DeleteTimeout { get; init; } = TimeSpan.FromHours(1);
    /// <summary>For each step of an update: stopping the compute fleet, the update itself, starting the fleet.</summary>
    public TimeSpan UpdateTimeout { get; init; } = TimeSpan.FromHours(1);
}
