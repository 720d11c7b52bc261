using Petal.Pcluster;
using Petal.Plans.Config;
using Petal.Seeds;

namespace Petal.Plans;

/// <summary>
/// Everything ParallelCluster needs for one seed and layout: the files (relative path → content) and
/// what they mean (paths, fingerprint, queues, cost, placeholders, warnings). Pure data; PlanWriter
/// puts it on disk.
/// </summary>
public sealed record Plan
{
    public required string ClusterName { get; init; }
    public required string Region { get; init; }
    public required SoftwareLayout Layout { get; init; }
    /// <summary>Where the Spack checkout lives (/opt/spack, or /shared/spack for shared and snapshot).</summary>
    public required string SoftwareRoot { get; init; }
    /// <summary>Where installed packages, modulefiles, the environment and the completion marker live
    /// (equal to SoftwareRoot except for hybrid, where it is /shared/spack).</summary>
    public required string DataRoot { get; init; }
    /// <summary>Spack's install_tree root.</summary>
    public required string InstallTree { get; init; }
    /// <summary>Root of the Lmod modulefiles Spack writes (&lt;root&gt;/&lt;arch&gt;/Core is the core level).</summary>
    public required string ModuleRoot { get; init; }
    /// <summary>The Spack environment directory (spack.yaml and spack.lock kept with the software).</summary>
    public required string EnvironmentDir { get; init; }
    /// <summary>File whose content is the fingerprint once the software is installed.</summary>
    public required string CompletionMarker { get; init; }
    public required string Fingerprint { get; init; }
    /// <summary>Spack target families the software is built for ("x86_64", "aarch64").</summary>
    public required IReadOnlyList<string> Architectures { get; init; }
    /// <summary>The Spack target the software is built for (packages:all:require), see <see cref="Plans.SpackTargets"/>.</summary>
    public required string SpackTarget { get; init; }
    /// <summary>Per queue, the target its instance types would hit the buildcache with; <see cref="SpackTarget"/> is their common one.</summary>
    public required IReadOnlyDictionary<string, string> QueueSpackTargets { get; init; }
    /// <summary>Install order: compilers first, then the environment's root specs (canonical).</summary>
    public required IReadOnlyList<string> InstallOrder { get; init; }
    public required IReadOnlyDictionary<string, IReadOnlyList<ComputeResourcePlan>> Queues { get; init; }
    /// <summary>The cluster config as the model; <see cref="PlanFiles.ClusterConfig"/> is its text (ClusterConfigWriter).</summary>
    public required ClusterConfig Config { get; init; }
    /// <summary>Relative path → content; see docs/plans.md for what each is.</summary>
    public required IReadOnlyDictionary<string, string> Files { get; init; }
    /// <summary>Relative path → S3 key under the bootstrap bucket.</summary>
    public required IReadOnlyDictionary<string, string> S3Keys { get; init; }
    public required PlanCost Cost { get; init; }
    /// <summary>Placeholder name (subnet_id, key_name, ssh_cidr, custom_ami, snapshot_id, bucket_name) → what fills it.</summary>
    public required IReadOnlyDictionary<string, Placeholder> Placeholders { get; init; }
    public required IReadOnlyList<string> Warnings { get; init; }

    public string ClusterConfigYaml => Files[PlanFiles.ClusterConfig];
}

/// <summary>A value unknown until deploy: <see cref="Token"/> stands in the files until `petal create` replaces it.</summary>
public sealed record Placeholder(string Token, string Description);

/// <summary>The relative paths of a plan's files.</summary>
public static class PlanFiles
{
    public const string ClusterConfig = "cluster-config.yaml";
    public const string HeadNode = "bootstrap/head-node.sh";
    public const string ComputeNode = "bootstrap/compute-node.sh";
    public const string ImageBuild = "bootstrap/image-build.sh";
    public const string SpackEnv = "spack/spack.yaml";
    public const string SpackConfig = "spack/config.yaml";
    public const string SpackModules = "spack/modules.yaml";
    public const string SpackMirrors = "spack/mirrors.yaml";
    public const string SpackPackages = "spack/packages.yaml";
    public const string PlanJson = "plan.json";

    /// <summary>Every file a plan can have (a layout writes a subset).</summary>
    public static readonly IReadOnlyList<string> All =
        [ClusterConfig, HeadNode, ComputeNode, ImageBuild, SpackEnv, SpackConfig, SpackModules, SpackMirrors, SpackPackages, PlanJson];
}
