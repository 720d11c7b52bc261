namespace Petal.Providers.Aws.Images;

/// <summary>Where a build puts the software: a custom AMI (layouts ami, hybrid) or an EBS snapshot (layout snapshot).</summary>
public enum BuildTarget { Image, Snapshot }

/// <summary>Everything one image or snapshot build needs, already rendered from the seed's plan.</summary>
public sealed record ImageBuildRequest
{
    /// <summary>Seed (cluster) name; names the AMI and the build's resources.</summary>
    public required string Name { get; init; }
    public required string Fingerprint { get; init; }
    public required string Os { get; init; }
    /// <summary>x86_64 or arm64 (of the build instance type).</summary>
    public required string Architecture { get; init; }
    public required string ParallelClusterVersion { get; init; }
    public required string SpackVersion { get; init; }
    public IReadOnlyList<string> Packages { get; init; } = [];
    /// <summary>bootstrap/image-build.sh of the plan.</summary>
    public required string Script { get; init; }
    public BuildTarget Target { get; init; } = BuildTarget.Image;
    public string InstanceType { get; init; } = "c6a.4xlarge";
    /// <summary>Size of the fresh software volume for <see cref="BuildTarget.Snapshot"/>.</summary>
    public int VolumeSizeGb { get; init; } = 100;
    /// <summary>Build even when an image with this fingerprint exists.</summary>
    public bool Force { get; init; }
    /// <summary>Subnet of the build instance; the default VPC's first default subnet when null.</summary>
    public string? SubnetId { get; init; }
    /// <summary>Bucket for a script over the user-data limit (created if missing).</summary>
    public string? BucketName { get; init; }
    /// <summary>The seed's cost-allocation tags, put on the build's resources and the image or snapshot.</summary>
    public IReadOnlyList<Seeds.SeedTag> Tags { get; init; } = [];
}
