using Petal.Catalog;
using Petal.Pcluster;
using Petal.Plans.Bootstrap;
using Petal.Plans.Config;
using Petal.Seeds;

namespace Petal.Plans;

/// <summary>
/// Seed + catalog + options → Plan. Pure: no files, no network, no clock. Throws
/// <see cref="PlanInputException"/> (with every problem) when a value cannot safely reach the files.
/// </summary>
public static class Planner
{
    /// <summary>Root volume of a node that carries no software (ParallelCluster AMIs are 40 GiB).</summary>
    public const int BaseRootGb = 40;
    /// <summary>Spack checkout, its caches and the buildcache keys (hybrid AMIs).</summary>
    public const int SpackOnlyGb = 10;
    public const int MaxBootstrapTimeout = 43200;

    public static Plan Create(Seed seed, ICatalog catalog, PlanOptions options)
    {
        var layout = options.Layout ?? seed.Software.Layout;
        PlanInputGuard.Check(seed, catalog, options, layout);
        var warnings = new List<string>();
        var paths = LayoutPaths.For(layout);
        var os = OsProfile.For(seed.Cluster.Os);
        var specs = SoftwareSpecs.From(seed.Software.SpackPackages, os.SystemCompiler);

        var queues = FallbackQueues.Expand(seed.Compute.Queues)
            .Select(q => (Queue: q, Resources: ComputeResourcePlanner.Plan(q, catalog)))
            .ToList();
        var target = SoftwareTarget(seed, layout, catalog, warnings);
        var cacheTargets = CacheTargets(seed, target, catalog);
        CheckInstances(seed, catalog, warnings);

        var fingerprint = new FingerprintInput(seed.Cluster.Os, [target, cacheTargets.Build], seed.Software.SpackVersion, specs.Canonical,
            os.LmodDescription, layout.ToString().ToLowerInvariant(), SpackFiles.BuildcacheFlag(seed.Software.Buildcache)).Compute();

        var placeholders = new Dictionary<string, Placeholder>(StringComparer.Ordinal);
        string Fill(string name, string? given, string description)
        {
            if (given is not null) return given;
            var token = "{{" + name + "}}";
            placeholders[name] = new Placeholder(token, description);
            return token;
        }
        var needsAmi = layout is SoftwareLayout.Ami or SoftwareLayout.Hybrid || seed.Cluster.Os.StartsWith("rocky", StringComparison.Ordinal);
        var softwareGb = SoftwareSizeGb(specs);
        var ctx = new PlanContext
        {
            Seed = seed,
            Layout = layout,
            Paths = paths,
            Os = os,
            Specs = specs,
            SpackTarget = target,
            Fingerprint = fingerprint,
            Queues = queues,
            SubnetId = Fill("subnet_id", options.SubnetId, "subnet of the head node and the queues (--subnet-id)"),
            KeyName = Fill("key_name", options.KeyName, "EC2 key pair for SSH to the head node (--key-name)"),
            SshCidr = Fill("ssh_cidr", options.SshCidr, "address range allowed to SSH to the head node, e.g. your address/32 (--ssh-cidr)"),
            HeadNodeSecurityGroups = options.HeadNodeSecurityGroups,
            BucketName = Fill("bucket_name", options.BucketName, "S3 bucket the bootstrap scripts are uploaded to"),
            CustomAmi = needsAmi
                ? Fill("custom_ami", options.CustomAmi, layout is SoftwareLayout.Ami or SoftwareLayout.Hybrid
                    ? $"AMI built by `petal ami build` for fingerprint {fingerprint[..12]} (--custom-ami)"
                    : $"{seed.Cluster.Os} has no official ParallelCluster AMI (--custom-ami)")
                : null,
            SnapshotId = layout is SoftwareLayout.Snapshot
                ? Fill("snapshot_id", options.SnapshotId, $"EBS snapshot of the software volume for fingerprint {fingerprint[..12]} (--snapshot-id)")
                : null,
            SoftwareSizeGb = softwareGb,
            HeadRootGb = layout switch
            {
                SoftwareLayout.Ami => BaseRootGb + softwareGb,
                SoftwareLayout.Hybrid => BaseRootGb + SpackOnlyGb,
                _ => BaseRootGb,
            },
            ComputeRootGb = layout switch
            {
                SoftwareLayout.Ami => BaseRootGb + softwareGb,
                SoftwareLayout.Hybrid => BaseRootGb + SpackOnlyGb,
                _ => null,
            },
            HeadNodeBootstrapTimeout = layout is SoftwareLayout.Shared or SoftwareLayout.Hybrid ? BootstrapTimeout(seed, specs) : null,
            S3Keys = S3Keys(seed.Cluster.Name, fingerprint, layout),
        };
        if (options.CustomAmi is not null && !needsAmi)
            warnings.Add($"--custom-ami is ignored: the {layout.ToString().ToLowerInvariant()} layout uses ParallelCluster's official AMI");
        if (seed.Compute.Queues.Any(q => q.Capacity == CapacityType.OnDemand && q.AllocationStrategy is { } a && a != "lowest-price"))
            warnings.Add("on-demand queues only accept allocation strategy lowest-price; the other strategies are left out");

        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        files[PlanFiles.SpackEnv] = SpackFiles.Environment(specs);
        files[PlanFiles.SpackConfig] = SpackFiles.Config(paths);
        files[PlanFiles.SpackModules] = SpackFiles.Modules(paths, os);
        files[PlanFiles.SpackPackages] = SpackFiles.Packages(cacheTargets.Build);
        if (seed.Software.Buildcache != BuildcacheMode.Never)
            files[PlanFiles.SpackMirrors] = SpackFiles.Mirrors(seed.Software.SpackVersion);
        files[PlanFiles.HeadNode] = BootstrapScripts.Render(ctx, BootstrapScripts.Role.Head, files);
        files[PlanFiles.ComputeNode] = BootstrapScripts.Render(ctx, BootstrapScripts.Role.Compute, files);
        if (layout != SoftwareLayout.Shared)
            files[PlanFiles.ImageBuild] = BootstrapScripts.Render(ctx, BootstrapScripts.Role.Image, files);
        var config = ClusterConfigBuilder.Build(ctx);
        files[PlanFiles.ClusterConfig] = ClusterConfigWriter.Write(config);

        var cost = CostEstimator.Estimate(ctx, catalog, warnings);
        var installOrder = specs.Compilers
            .Concat(os.DistroLmod ? [] : [OsProfile.SpackLmodSpec])
            .Concat(specs.Canonical)
            .ToList();
        var plan = new Plan
        {
            ClusterName = seed.Cluster.Name,
            Region = seed.Cluster.Region,
            Layout = layout,
            SoftwareRoot = paths.SoftwareRoot,
            DataRoot = paths.DataRoot,
            InstallTree = paths.InstallTree,
            ModuleRoot = paths.ModuleRoot,
            EnvironmentDir = paths.EnvironmentDir,
            CompletionMarker = paths.CompletionMarker,
            Fingerprint = fingerprint,
            Architectures = [target],
            SpackTarget = cacheTargets.Build,
            QueueSpackTargets = cacheTargets.Queues,
            InstallOrder = installOrder,
            Queues = queues.ToDictionary(q => q.Queue.Name, q => q.Resources, StringComparer.Ordinal),
            Config = config,
            Files = files,
            S3Keys = ctx.S3Keys.Where(k => files.ContainsKey(k.Key) || k.Key == PlanFiles.PlanJson)
                .ToDictionary(k => k.Key, k => k.Value, StringComparer.Ordinal),
            Cost = cost,
            Placeholders = placeholders,
            Warnings = warnings.Distinct(StringComparer.Ordinal).ToList(),
        };
        files[PlanFiles.PlanJson] = PlanJson.Render(plan);
        return plan;
    }

    /// <summary>A first estimate of the installed size: 20 GiB plus 5 per root spec or compiler, rounded up to 10, at least 30.</summary>
    public static int SoftwareSizeGb(SoftwareSpecs specs)
    {
        var gb = 20 + 5 * (specs.Canonical.Count + specs.Compilers.Count);
        return Math.Max(30, (gb + 9) / 10 * 10);
    }

    /// <summary>
    /// The head node installs in the foreground (docs/plans.md says why): 30 min for ParallelCluster's own
    /// setup plus, per compiler and root spec, 5 min from the buildcache only, 20 min when it may
    /// build from source, 60 min when it must; capped at CloudFormation's 12 hours.
    /// </summary>
    public static int BootstrapTimeout(Seed seed, SoftwareSpecs specs)
    {
        var perSpec = seed.Software.Buildcache switch
        {
            BuildcacheMode.Only => 300,
            BuildcacheMode.Never => 3600,
            _ => 1200,
        };
        return Math.Min(MaxBootstrapTimeout, 1800 + perSpec * (specs.Canonical.Count + specs.Compilers.Count + 1));
    }

    public static IReadOnlyDictionary<string, string> S3Keys(string cluster, string fingerprint, SoftwareLayout layout)
    {
        var prefix = $"petal/{cluster}/{fingerprint[..12]}/";
        return PlanFiles.All.Where(f => layout != SoftwareLayout.Shared || f != PlanFiles.ImageBuild)
            .ToDictionary(f => f, f => prefix + f, StringComparer.Ordinal);
    }

    /// <summary>
    /// The architecture the software is built for: the head node's when the head node installs it
    /// (shared, hybrid), the first queue's otherwise. Queues of another architecture cannot run it.
    /// </summary>
    private static string SoftwareTarget(Seed seed, SoftwareLayout layout, ICatalog catalog, List<string> warnings)
    {
        var target = layout is SoftwareLayout.Shared or SoftwareLayout.Hybrid
            ? Architectures.SpackTarget(seed.Compute.HeadNode, catalog)
            : Architectures.SpackTarget(seed.Compute.Queues[0].InstanceTypes[0], catalog);
        foreach (var q in seed.Compute.Queues)
        foreach (var t in q.InstanceTypes.Where(t => Architectures.SpackTarget(t, catalog) != target))
            warnings.Add($"queue {q.Name}: {t} is not {target}; the software is built for {target} and will not run there");
        return target;
    }

    /// <summary>
    /// Per queue the cached Spack target of its types (<see cref="SpackTargets"/>), and the one the software is
    /// built for: the newest every node of <paramref name="family"/> runs (head node included: one image or tree serves all).
    /// </summary>
    private static (string Build, IReadOnlyDictionary<string, string> Queues) CacheTargets(Seed seed, string family, ICatalog catalog)
    {
        var queues = FallbackQueues.Expand(seed.Compute.Queues).ToDictionary(q => q.Name,
            q => SpackTargets.Common(q.InstanceTypes.Select(t => SpackTargets.For(t, catalog))), StringComparer.Ordinal);
        var nodes = seed.Compute.Queues.SelectMany(q => q.InstanceTypes).Append(seed.Compute.HeadNode)
            .Where(t => Architectures.SpackTarget(t, catalog) == family);
        return (SpackTargets.Common(nodes.Select(t => SpackTargets.For(t, catalog))), queues);
    }

    private static void CheckInstances(Seed seed, ICatalog catalog, List<string> warnings)
    {
        foreach (var q in seed.Compute.Queues)
        foreach (var t in q.InstanceTypes)
        {
            var info = catalog.Find(t);
            if (info is null) warnings.Add($"queue {q.Name}: {t} is not in the catalog; its architecture was guessed from its name");
            else if (q.Efa && !info.EfaSupported) warnings.Add($"queue {q.Name}: {t} does not support EFA; ParallelCluster will reject Efa.Enabled");
            else if (q.Capacity == CapacityType.Spot && !info.SpotSupported) warnings.Add($"queue {q.Name}: {t} is not offered as spot");
        }
    }
}
