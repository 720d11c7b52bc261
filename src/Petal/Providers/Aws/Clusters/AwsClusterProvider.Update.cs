using Petal.Common;
using Petal.Pcluster.Updates;
using Petal.Plans;
using Petal.Seeds;
using Petal.Seeds.Yaml;

namespace Petal.Providers.Aws.Clusters;

/// <summary>
/// One planned `petal update --provider aws`: the diff, and what applying it uploads and records; the seed's queue
/// subnets, checked against EC2 before the update is applied.
/// </summary>
public sealed record AwsClusterUpdate(ClusterUpdatePlan Plan, AwsClusterState State, Plan SeedPlan, string Config, string SeedFile, string SeedText,
    IReadOnlyList<SeedSubnet> Subnets);

/// <summary>`petal update` on AWS: the edited seed's config against the one the cluster runs, then ParallelCluster's update.</summary>
public sealed partial class AwsClusterProvider
{
    /// <summary>
    /// The edited seed's config, filled with what the cluster already has (subnet, key pair, image, snapshot, petal's
    /// SSH rule: read from the recorded config, so only the seed's edits differ), diffed against the recorded config.
    /// No AWS call: a dry run works offline.
    /// </summary>
    public AwsClusterUpdate PlanUpdate(string name, Seed seed)
    {
        var state = Recorded(name);
        var configPath = state.ConfigPath ?? _store.ConfigPath(name);
        var recorded = InputFiles.ReadText(configPath, "the recorded cluster config");
        var has = RecordedInputs.Read(recorded, configPath);
        var plan = RecordedPlan(state, seed);
        var options = (state.PlanOptions ?? PlanOptions.Default) with { SshCidr = has.AllowedIps ?? state.PlanOptions?.SshCidr };
        var config = ResolvedConfig(Named(seed, name), options, new ClusterInputs(state.Region, has.SubnetId ?? "", state.Bucket ?? "", state.ScriptPrefix ?? "",
            has.KeyName, has.ImageId, has.SnapshotId, has.SecurityGroups));
        var update = ConfigDiff.Compare(recorded, config, configPath, $"the config of {seed.SourceFile}");
        var notes = new List<string>();
        if (state.Fingerprint is { } before && before != plan.Fingerprint)
            notes.Add($"the software changed (fingerprint {before[..12]} → {plan.Fingerprint[..12]}): "
                + (plan.Layout is SoftwareLayout.Ami or SoftwareLayout.Snapshot
                    ? $"it needs a new {(plan.Layout == SoftwareLayout.Ami ? "image" : "snapshot")} ('petal ami build'), and ParallelCluster replaces neither on a running cluster: create a new cluster"
                    : "the head node installs it at boot: ParallelCluster does not rerun OnNodeConfigured on a running cluster, so create a new cluster"));
        var seedText = InputFiles.ReadText(seed.SourceFile, "seed");
        return new AwsClusterUpdate(new ClusterUpdatePlan(name, Name, update) { Notes = notes }, state, plan, config, Path.GetFullPath(seed.SourceFile), seedText,
            SeedSubnet.Of(seed));
    }

    /// <summary>
    /// Applies a planned update as its requirement says: refused before anything changes when ParallelCluster would
    /// refuse it (a new cluster, or login nodes to stop first); the fleet stopped and started again only when a change
    /// needs it; a seed queue subnet EC2 does not know is an input error before anything changes, as for create. The
    /// new seed, fingerprint and config are recorded only once pcluster reports UPDATE_COMPLETE.
    /// </summary>
    public async Task<AwsClusterState> ApplyUpdateAsync(AwsClusterUpdate update, IProgress<string>? progress, CancellationToken cancellation)
    {
        var requirement = update.Plan.Update.Requirement;
        if (requirement >= UpdateRequirement.StopLoginNodes)
            throw new UserInputException($"cluster {update.State.Name} cannot be updated this way: "
                + string.Join("; ", update.Plan.Update.Changes.Where(c => c.Requirement == requirement).Select(c => $"{c.Path}: {c.Reason}"))
                + (requirement == UpdateRequirement.NewCluster ? " (create a new cluster from the seed instead); nothing was changed" : "; nothing was changed"));
        var state = update.State;
        if (!update.Plan.Update.Empty)
        {
            using var aws = Clients(null, state.Region);
            var files = update.SeedPlan.S3Keys.Keys.Where(k => k != PlanFiles.ClusterConfig && update.SeedPlan.Files.ContainsKey(k))
                .ToDictionary(k => k, k => update.SeedPlan.Files[k], StringComparer.Ordinal);
            state = await AwsCall(async () =>
            {
                await SeedSubnets.CheckAsync(aws, update.Subnets, cancellation);
                return await Lifecycle(aws).UpdateAsync(state, update.Config, progress, cancellation,
                    stopFleet: requirement >= UpdateRequirement.StopFleet, files);
            });
        }
        await File.WriteAllTextAsync(_store.SeedPath(state.Name), update.SeedText, cancellation);
        state = state with { Fingerprint = update.SeedPlan.Fingerprint, SeedFile = update.SeedFile };
        _store.Save(state);
        return state;
    }

    /// <summary>What petal filled into the cluster's config when it created it, read back from the recorded config.</summary>
    private sealed record RecordedInputs(string? SubnetId, string? KeyName, string? ImageId, string? SnapshotId, string? AllowedIps,
        IReadOnlyList<string> SecurityGroups)
    {
        public static RecordedInputs Read(string config, string file)
        {
            var (root, diagnostics) = YamlTreeReader.Read(config, file);
            if (diagnostics.Count > 0) throw new UserInputException(string.Join("\n", diagnostics));
            string? At(YNode? node, params string[] keys)
            {
                foreach (var key in keys) node = (node as YMapping)?.Get(key);
                return node is YScalar { IsNull: false } s ? s.Value : null;
            }
            var head = (root as YMapping)?.Get("HeadNode");
            var software = ((root as YMapping)?.Get("SharedStorage") as YSequence)?.Items
                .FirstOrDefault(s => At(s, "Name") == Plans.Config.ClusterConfigBuilder.SoftwareStorageName);
            var groups = ((head as YMapping)?.Get("Networking") as YMapping)?.Get("AdditionalSecurityGroups") as YSequence;
            return new RecordedInputs(At(head, "Networking", "SubnetId"), At(head, "Ssh", "KeyName"), At(root, "Image", "CustomAmi"),
                At(software, "EbsSettings", "SnapshotId"), At(head, "Ssh", "AllowedIps"),
                groups?.Items.OfType<YScalar>().Select(s => s.Value).ToList() ?? []);
        }
    }
}
