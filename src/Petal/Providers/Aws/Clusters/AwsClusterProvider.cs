using Petal.Catalog;
using Petal.Common;
using Petal.Plans;
using Petal.Providers.Aws.Images;
using Petal.Seeds;

namespace Petal.Providers.Aws.Clusters;

/// <summary>
/// `petal create|status|list|delete --provider aws`: renders the seed's plan, finds (or builds) its
/// software image by fingerprint, and hands the rest to <see cref="AwsClusterLifecycle"/>.
/// pcluster is located before anything is created, including an image build.
/// </summary>
public sealed partial class AwsClusterProvider(ICatalog catalog, AwsConnection? connection = null, AwsClusterStore? store = null) : IClusterProvider
{
    private readonly AwsConnection _connection = connection ?? new AwsConnection();
    private readonly AwsClusterStore _store = store ?? new AwsClusterStore();

    public string Name => "aws";

    /// <summary>Whether petal recorded an AWS cluster of that name (status, ssh and delete dispatch on it).</summary>
    public bool Knows(string name)
    {
        try { return _store.Load(name) is not null; }
        catch (UserInputException) { return false; } // not a name petal gives AWS clusters
    }

    public async Task<ClusterStatus> CreateAsync(Seed seed, ClusterCreateRequest request, IProgress<string>? progress, CancellationToken cancellation)
    {
        // Input first (exit 2), before looking for pcluster (exit 1).
        var region = SeedRegion.Apply(seed.Cluster.Region, new AwsConnection(request.Profile ?? _connection.Profile, request.Region ?? _connection.Region)).Region;
        var pcluster = PclusterCli.Locate();
        // Without it ParallelCluster opens SSH to the head node to 0.0.0.0/0 (and petal's own network needs its source).
        if (request.SshCidr is null)
            throw new UserInputException("petal restricts SSH to the head node but cannot discover your public address offline: "
                + "pass --ssh-cidr (your address/32, e.g. 203.0.113.7/32)");
        if (request.KeyName is null)
            throw new UserInputException("the head node needs an EC2 key pair for SSH: pass --key-name");
        var planOptions = new PlanOptions
        {
            KeyName = request.KeyName, SshCidr = request.SshCidr, SubnetId = request.SubnetId, CustomAmi = request.CustomAmi, SnapshotId = request.SnapshotId,
        };
        var sourceFile = seed.SourceFile;
        seed = Named(seed, request.Name);
        var plan = PlanFor(seed, planOptions);
        using var aws = Clients(request.Profile, region);
        return await AwsCall(async () =>
        {
            // The seed's queue subnets are used as given: checked before an image is built or anything is created.
            await SeedSubnets.CheckAsync(aws, SeedSubnet.Of(seed), cancellation);
            var (imageId, snapshotId) = await ArtifactAsync(aws, seed, plan, request, progress, cancellation);
            var lifecycle = new AwsClusterLifecycle(aws, () => pcluster, _store, AwsTimings.Clusters());
            var state = await lifecycle.CreateAsync(new AwsClusterRequest
            {
                Name = request.Name,
                Os = seed.Cluster.Os,
                Fingerprint = plan.Fingerprint,
                SeedFile = File.Exists(sourceFile) ? Path.GetFullPath(sourceFile) : null,
                PlanOptions = planOptions,
                // The config goes to pcluster once filled; the scripts go where the config points (the plan's S3 keys).
                Files = plan.S3Keys.Keys.Where(k => k != PlanFiles.ClusterConfig && plan.Files.ContainsKey(k))
                    .ToDictionary(k => k, k => plan.Files[k], StringComparer.Ordinal),
                ScriptPrefix = plan.S3Keys[PlanFiles.ClusterConfig][..^PlanFiles.ClusterConfig.Length],
                RenderConfig = inputs => ResolvedConfig(seed, planOptions, inputs),
                KeyName = request.KeyName,
                SubnetId = request.SubnetId,
                ImageId = imageId,
                SnapshotId = snapshotId,
                SshCidr = request.SshCidr,
                ParallelClusterVersion = seed.Cluster.ParallelClusterVersion,
                Tags = seed.Tags,
            }, progress, cancellation);
            // pcluster's view now (head node address, nodes), not the record alone: it knows the cluster it just created.
            var status = await StatusAsync(aws, request.Name, cancellation);
            return (status ?? ToStatus(request.Name, state, null, "")) with { Layout = plan.Layout.ToString().ToLowerInvariant() };
        });
    }

    public async Task<ClusterStatus?> StatusAsync(string name, CancellationToken cancellation)
    {
        using var aws = Clients(null, _store.Load(name)?.Region);
        return await AwsCall(() => StatusAsync(aws, name, cancellation));
    }

    private async Task<ClusterStatus?> StatusAsync(AwsClients aws, string name, CancellationToken cancellation)
    {
        var (state, live) = await Lifecycle(aws).StatusAsync(name, cancellation);
        if (state is null && live is null) return null;
        var status = ToStatus(name, state, live, "");
        return live is null ? status : status with { Nodes = Nodes(await ClusterInstances.ListAsync(aws.Ec2, name, cancellation)) };
    }

    /// <summary>The clusters petal recorded (no AWS call, so `petal list` works offline).</summary>
    public IReadOnlyList<ClusterSummary> List() => Listing().Records.Select(Summary).ToList();

    /// <summary>petal's records, and the ones it could not read.</summary>
    public RecordListing<AwsClusterState> Listing() => _store.Listing();

    private ClusterSummary Summary(AwsClusterState s) => new(s.Name, Name, s.Status, s.SeedFile, s.CreatedAt);

    /// <summary>`petal list --provider aws`: pcluster's clusters in the region merged with petal's records.</summary>
    public async Task<IReadOnlyList<ClusterSummary>> ListLiveAsync(CancellationToken cancellation)
    {
        using var aws = Clients(null, null);
        var recorded = _store.List().ToDictionary(s => s.Name);
        var rows = await AwsCall(() => Lifecycle(aws).ListAsync(cancellation));
        return rows.Select(r => new ClusterSummary(r.Name, Name, r.Petal ? r.Status : r.Status + " (not created by petal)",
            recorded.GetValueOrDefault(r.Name)?.SeedFile, recorded.TryGetValue(r.Name, out var s) ? s.CreatedAt : default)).ToList();
    }

    public async Task<bool> DeleteAsync(string name, IProgress<string>? progress, CancellationToken cancellation)
    {
        using var aws = Clients(null, _store.Load(name)?.Region);
        return await AwsCall(() => Lifecycle(aws).DeleteAsync(name, progress, cancellation));
    }

    /// <summary>Arguments of the system <c>ssh</c> to the head node: <paramref name="user"/> or the OS's default user, the key pair's file when found.</summary>
    public async Task<IReadOnlyList<string>> SshArgumentsAsync(string name, string? identityFile, IEnumerable<string> command, CancellationToken cancellation,
        string? user = null)
    {
        var head = await HeadNodeAsync(name, cancellation);
        var address = head.Address ?? throw new AwsFailureException($"cluster {name} has no head node address yet ({head.Status})");
        return SshCommand.Arguments(address, head.State.Os, identityFile ?? head.KeyFile, command, user);
    }

    /// <summary>
    /// petal's record of the cluster and pcluster's view of its head node (status, address). A cluster only pcluster
    /// knows gets a minimal record (ParallelCluster's default OS), enough for `petal ssh`.
    /// </summary>
    public async Task<AwsHeadNode> HeadNodeAsync(string name, CancellationToken cancellation)
    {
        using var aws = Clients(null, _store.Load(name)?.Region);
        var (recorded, live) = await AwsCall(() => Lifecycle(aws).StatusAsync(name, cancellation));
        if (recorded is null && live is null) throw new UserInputException($"no AWS cluster named '{name}' (see petal list)");
        return new AwsHeadNode(recorded ?? new AwsClusterState { Name = name, Region = aws.Region, Os = SeedDefaults.Os }, live);
    }

    /// <summary>Applies a new cluster config (see <see cref="AwsClusterLifecycle.UpdateAsync"/>) and records it.</summary>
    public async Task UpdateConfigAsync(string name, string config, IProgress<string>? progress, CancellationToken cancellation)
    {
        var recorded = Recorded(name);
        using var aws = Clients(null, recorded.Region);
        await AwsCall(() => Lifecycle(aws).UpdateAsync(recorded, config, progress, cancellation));
    }

    /// <summary>The cluster's pending and running instances (EC2, in its recorded region).</summary>
    public async Task<IReadOnlyList<ClusterInstance>> InstancesAsync(string name, CancellationToken cancellation)
    {
        using var aws = Clients(null, Recorded(name).Region);
        return await AwsCall(() => ClusterInstances.ListAsync(aws.Ec2, name, cancellation));
    }

    /// <summary>The record of a cluster petal created, or a clear error.</summary>
    public AwsClusterState Recorded(string name) =>
        Knows(name) ? _store.Load(name)! : throw new UserInputException($"no AWS cluster named '{name}' that petal created (see petal list)");

    /// <summary>The plan the cluster was created from, rendered again from its seed with the recorded options.</summary>
    public Plan RecordedPlan(AwsClusterState state, Seed seed) => PlanFor(Named(seed, state.Name), state.PlanOptions ?? PlanOptions.Default);

    /// <summary>~/.ssh/&lt;key name&gt;.pem (or without .pem) when it exists; else ssh's own defaults and agent.</summary>
    public static string? KeyFile(string? keyName)
    {
        if (keyName is null) return null;
        var ssh = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ssh");
        return new[] { keyName + ".pem", keyName }.Select(f => Path.Combine(ssh, f)).FirstOrDefault(File.Exists);
    }

    private async Task<(string? ImageId, string? SnapshotId)> ArtifactAsync(AwsClients aws, Seed seed, Plan plan, ClusterCreateRequest request,
        IProgress<string>? progress, CancellationToken cancellation)
    {
        var target = plan.Placeholders.ContainsKey("snapshot_id") ? BuildTarget.Snapshot
            : plan.Placeholders.ContainsKey("custom_ami") && plan.Layout is SoftwareLayout.Ami or SoftwareLayout.Hybrid ? BuildTarget.Image
            : (BuildTarget?)null;
        if (target is null) return (request.CustomAmi, request.SnapshotId);
        string artifact;
        if (request.Build)
        {
            var build = SeedImageBuild.Request(seed, plan, catalog, request.BuildInstanceType ?? SeedImageBuild.DefaultInstanceType, false,
                await SeedImageBuild.BucketAsync(aws, cancellation));
            progress?.Report($"building the software {(target == BuildTarget.Snapshot ? "snapshot" : "image")} for fingerprint {plan.Fingerprint[..12]}");
            var built = await new ImageBuilder(aws, new InstanceProgressSource(aws.Ec2), new BuildStateStore(), AwsTimings.Build(),
                new ReportingObserver(progress)).BuildAsync(build, null, cancellation);
            artifact = built.Artifact!;
        }
        else
        {
            artifact = await new ArtifactLookup(aws.Ec2).FindAsync(target.Value, plan.Fingerprint, cancellation)
                ?? throw new UserInputException(
                    $"no software {(target == BuildTarget.Snapshot ? "snapshot" : "image")} for fingerprint {plan.Fingerprint[..12]} in {aws.Region}: "
                    + $"run 'petal ami build {seed.SourceFile}' first, pass --build, or pass {(target == BuildTarget.Snapshot ? "--snapshot-id" : "--custom-ami")}");
        }
        progress?.Report($"software {artifact} (fingerprint {plan.Fingerprint[..12]})");
        return target == BuildTarget.Snapshot ? (request.CustomAmi, artifact) : (artifact, null);
    }

    private static Seed Named(Seed seed, string name) => seed with { Cluster = seed.Cluster with { Name = name } };

    /// <summary>
    /// The config pcluster gets: the seed planned again with what AWS resolved (subnet, bucket, image or snapshot, the
    /// SSH group), so it is exactly what `petal plan` writes given those values. A value still missing is named.
    /// </summary>
    private string ResolvedConfig(Seed seed, PlanOptions options, ClusterInputs inputs)
    {
        var plan = PlanFor(seed, options with
        {
            SubnetId = inputs.SubnetId, BucketName = inputs.Bucket, KeyName = inputs.KeyName,
            CustomAmi = inputs.ImageId ?? options.CustomAmi, SnapshotId = inputs.SnapshotId ?? options.SnapshotId,
            HeadNodeSecurityGroups = inputs.AdditionalSecurityGroups,
        });
        if (plan.Placeholders.Count > 0)
            throw new AwsFailureException("the cluster config still needs "
                + string.Join(", ", plan.Placeholders.Select(p => $"{p.Key} ({p.Value.Description})")) + ": pass it as a flag");
        return plan.ClusterConfigYaml;
    }

    private Plan PlanFor(Seed seed, PlanOptions options) => Planner.Create(seed, catalog, options);

    private AwsClusterLifecycle Lifecycle(AwsClients aws) => new(aws, () => PclusterCli.Locate(), _store, AwsTimings.Clusters());

    private AwsClients Clients(string? profile, string? region) =>
        AwsCall(() => AwsClients.Create(new AwsConnection(profile ?? _connection.Profile, region ?? _connection.Region)));

    /// <summary>
    /// The cluster's running instances as status rows (EC2's view: instance id, queue tag, type, state). Slurm's node
    /// names and static/dynamic split live on the head node (`petal ssh NAME -- sinfo`).
    /// </summary>
    private IReadOnlyList<ClusterNodeStatus> Nodes(IReadOnlyList<ClusterInstance> instances) =>
        instances.OrderBy(i => i.NodeType == "HeadNode" ? 0 : 1).ThenBy(i => i.Queue, StringComparer.Ordinal).ThenBy(i => i.InstanceId, StringComparer.Ordinal)
            .Select(i => (Instance: i, Type: catalog.Find(i.InstanceType)))
            .Select(x => new ClusterNodeStatus(x.Instance.InstanceId, x.Instance.NodeType == "HeadNode" ? "(head node)" : x.Instance.Queue ?? "",
                x.Instance.InstanceType, Static: false, x.Type?.VCpus ?? 0, x.Type?.MemoryMiB ?? 0, x.Instance.State)
            {
                InstanceTypes = [x.Instance.InstanceType], LaunchedAt = x.Instance.LaunchedAt,
            })
            .ToList();

    private static ClusterStatus ToStatus(string name, AwsClusterState? state, PclusterDescription? live, string layout) => new()
    {
        Name = name,
        Provider = "aws",
        State = live?.Status ?? state?.Status ?? "UNKNOWN",
        Layout = layout,
        HeadNodeAddress = live?.HeadNodeAddress,
        Notes = new[]
        {
            state is null ? "not created by petal here (pcluster knows it)" : $"region {state.Region}, subnet {state.SubnetId}"
                + (state.CreatedNetwork ? " (network created by petal)" : ""),
            live?.HeadNodePublicIp is { } ip ? $"head node {ip}: petal ssh {name}" : null,
            live is null ? "pcluster does not know this cluster (deleted outside petal?): 'petal delete' removes what petal created" : null,
        }.OfType<string>().ToList(),
    };

    private static T AwsCall<T>(Func<T> call)
    {
        try { return call(); }
        catch (Exception e) when (AwsErrorTranslator.IsAws(e)) { throw AwsErrorTranslator.Wrap(e); }
    }

    private static async Task<T> AwsCall<T>(Func<Task<T>> call)
    {
        try { return await call(); }
        catch (Exception e) when (AwsErrorTranslator.IsAws(e)) { throw AwsErrorTranslator.Wrap(e); }
    }

    /// <summary>Build stages and progress as the create command's progress lines.</summary>
    private sealed class ReportingObserver(IProgress<string>? progress) : IBuildObserver
    {
        public void Stage(BuildStage stage, BuildState state) => progress?.Report($"build {state.Id}: {state.Message}");
        public void Progress(BuildProgress p, BuildState state) => progress?.Report($"build {state.Id}: {p.Percent}% {p.Message}");
    }
}
