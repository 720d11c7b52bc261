using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Petal.Catalog;
using Petal.Spack;

namespace Petal.Capture;

/// <summary>What capture read from a cluster, before it becomes a seed.</summary>
public sealed record CapturedCluster(string Name, CapturedOs Os, IReadOnlyList<SlurmPartition> Partitions,
    IReadOnlyList<AvailableModule> Modules, IReadOnlyList<CapturedUser> Users)
{
    /// <summary>What Spack there installed explicitly (empty without Spack).</summary>
    public IReadOnlyList<SpackInstalled> Spack { get; init; } = [];
}

public sealed record CapturedQueue(string Name, string Partition, bool IsDefault, int NodeCount, NodeShape Shape,
    IReadOnlyList<FitCandidate> Fits);

/// <summary>The seed text and every guess in it (also written as a comment beside what it guessed).</summary>
public sealed record CaptureResult(string SeedYaml, IReadOnlyList<CapturedQueue> Queues,
    IReadOnlyList<ModuleMapping> Mappings, IReadOnlyList<string> Guesses);

/// <summary>
/// Writes a commented seed for a captured cluster: a queue per partition with the cheapest catalog fits, a Spack
/// spec per module package (the default or last-listed version; other versions as comments), unmappable modules as
/// comments with their reason, and the regular users. Pure: the caller validates and writes the text.
/// </summary>
public static partial class SeedWriter
{
    public const string DefaultRegion = "us-east-1";

    public static CaptureResult Write(CapturedCluster cluster, ICatalog catalog, string region = DefaultRegion)
    {
        var guesses = new List<string>();
        var sb = new StringBuilder();
        sb.AppendLine("# Captured by `petal capture`: review every line marked GUESS, then `petal validate` and `petal plan`.");
        sb.AppendLine(Inv($"# Source: {cluster.Name}, {Clean(cluster.Os.PrettyName)} ({cluster.Os.Architecture})."));
        sb.AppendLine("cluster:");
        sb.AppendLine(Inv($"  name: {ClusterName(cluster.Name)}"));
        sb.AppendLine(Inv($"  region: {region}  # GUESS: the region to grow the new cluster in"));
        guesses.Add(Inv($"cluster.region: {region}"));

        var queues = Queues(cluster, catalog, region, guesses);
        var arch = NodeShape.Ec2Architecture(cluster.Os.Architecture);
        var head = InstanceFit.Cheapest(catalog, region, new NodeShape(arch, 2, 1, 4096, 0, null), 1).FirstOrDefault();
        sb.AppendLine("compute:");
        if (head is not null)
        {
            sb.AppendLine(Inv($"  head_node: {head.InstanceType}  # GUESS: cheapest {arch} type with 2 vCPUs and 4 GiB"));
            guesses.Add(Inv($"compute.head_node: {head.InstanceType}"));
        }
        sb.AppendLine("  queues:");
        foreach (var q in queues)
        {
            sb.AppendLine(Inv($"    # partition {Clean(q.Partition)}{(q.IsDefault ? " (default)" : "")}: {q.NodeCount} node(s) of {q.Shape.VCpus} CPUs, {q.Shape.Cores} cores, {q.Shape.MemoryMb} MB{(q.Shape.Gpus > 0 ? Inv($", {q.Shape.Gpus} GPU(s) {Clean(q.Shape.GpuModel ?? "")}") : "")}"));
            if (q.Fits.Count == 0)
            {
                sb.AppendLine("    # no catalog instance type fits this shape in the region: choose one by hand");
                continue;
            }
            sb.AppendLine("    # cheapest fits (on-demand USD/hour): " + string.Join(", ", q.Fits.Select(f => Inv($"{f.InstanceType} {f.PricePerHour:0.####}"))));
            sb.AppendLine(Inv($"    - name: {q.Name}"));
            sb.AppendLine(Inv($"      instance_types: [{q.Fits[0].InstanceType}]  # GUESS: the cheapest fit"));
            sb.AppendLine("      min_count: 0");
            sb.AppendLine(Inv($"      max_count: {Math.Max(1, q.NodeCount)}"));
            guesses.Add(Inv($"queue {q.Name}: {q.Fits[0].InstanceType}"));
        }

        // Spack's own installs are exact (no guess) and preferred to a module of the same package.
        var mappings = cluster.Modules.Select(m => ModuleSpackMap.Map(m.FullName))
            .Concat(cluster.Spack.Select(s => new ModuleMapping(SpackLabel + s.Spec, s.Spec, MapConfidence.High, null))).ToList();
        var preferred = cluster.Modules.Select(m => m.IsDefault).Concat(cluster.Spack.Select(_ => true)).ToList();
        sb.AppendLine("software:");
        sb.AppendLine("  layout: ami");
        if (SpackInventory.Compilers(cluster.Spack) is { Count: > 0 } compilers)
            sb.AppendLine(Inv($"  # Spack there built with: {string.Join(", ", compilers)} (the specs name their compiler with %)"));
        var chosen = ChooseSpecs(preferred, mappings);
        if (chosen.Count == 0) sb.AppendLine("  spack_packages: []");
        else sb.AppendLine("  spack_packages:");
        foreach (var (mapping, others) in chosen)
        {
            var note = mapping.IsGuess ? Inv($"  # GUESS ({mapping.Confidence.ToString().ToLowerInvariant()}) from module {Clean(mapping.Module)}")
                : mapping.Module.StartsWith(SpackLabel, StringComparison.Ordinal) ? Inv($"  # {Clean(mapping.Module)}") : Inv($"  # module {Clean(mapping.Module)}");
            if (mapping.IsGuess) guesses.Add(Inv($"{mapping.Module} → {mapping.Spec}"));
            sb.AppendLine(Inv($"    - \"{mapping.Spec}\"{note}"));
            foreach (var other in others) sb.AppendLine(Inv($"    # also installed there: {Clean(other.Module)} → {other.Spec}"));
        }
        foreach (var m in mappings.Where(m => m.Spec is null))
            sb.AppendLine(Inv($"  # not mapped: module {Clean(m.Module)}: {Clean(m.Reason ?? "")}"));

        if (cluster.Users.Count == 0) sb.AppendLine("users: []");
        else sb.AppendLine("users:");
        foreach (var u in cluster.Users) sb.AppendLine(Inv($"  - {{ name: {u.Name}, uid: {u.Uid}, gid: {u.Gid} }}"));
        return new CaptureResult(sb.ToString(), queues, mappings, guesses);
    }

    private static List<CapturedQueue> Queues(CapturedCluster cluster, ICatalog catalog, string region, List<string> guesses)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var queues = new List<CapturedQueue>();
        foreach (var p in cluster.Partitions.OrderByDescending(p => p.IsDefault))
        {
            var name = QueueName(p.Name);
            for (var n = 2; !names.Add(name); n++) name = QueueName(p.Name) + "-" + n.ToString(CultureInfo.InvariantCulture);
            if (name != p.Name) guesses.Add(Inv($"partition {p.Name} → queue {name}"));
            var shape = NodeShape.Of(p.Nodes);
            queues.Add(new CapturedQueue(name, p.Name, p.IsDefault, p.Nodes.Count, shape, InstanceFit.Cheapest(catalog, region, shape)));
        }
        return queues;
    }

    /// <summary>How a spec Spack installed is named among the mappings: "spack find: openmpi@4.1.4 %gcc@12.2.0".</summary>
    public const string SpackLabel = "spack find: ";

    /// <summary>One spec per Spack package (the seed's rule): the last preferred (Spack's newest install, else the
    /// module marked default), else the last listed.</summary>
    private static List<(ModuleMapping Chosen, List<ModuleMapping> Others)> ChooseSpecs(IReadOnlyList<bool> preferred, List<ModuleMapping> mappings)
    {
        var groups = new Dictionary<string, List<(ModuleMapping M, bool Default)>>(StringComparer.Ordinal);
        var order = new List<string>();
        for (var i = 0; i < mappings.Count; i++)
        {
            if (mappings[i].Spec is not { } spec) continue;
            var package = SpecParser.Parse(spec).Name!;
            if (!groups.TryGetValue(package, out var list)) { groups[package] = list = []; order.Add(package); }
            list.Add((mappings[i], preferred[i]));
        }
        return order.Select(p =>
        {
            var list = groups[p];
            var chosen = list.LastOrDefault(x => x.Default).M ?? list[^1].M;
            return (chosen, list.Select(x => x.M).Where(m => m != chosen).ToList());
        }).ToList();
    }

    private static string QueueName(string partition)
    {
        var name = NotQueueChars().Replace(partition.ToLowerInvariant(), "-").Trim('-');
        if (name.Length == 0 || !char.IsAsciiLetterLower(name[0])) name = "q" + name;
        return name.Length > 25 ? name[..25].TrimEnd('-') : name;
    }

    private static string ClusterName(string name)
    {
        var clean = NotClusterChars().Replace(name, "-").Trim('-');
        if (clean.Length == 0 || !char.IsAsciiLetter(clean[0])) clean = "captured-" + clean;
        return clean.Length > 60 ? clean[..60].TrimEnd('-') : clean;
    }

    /// <summary>Text from the captured machine placed in a comment: one line, printable.</summary>
    private static string Clean(string text) => new(text.Take(200).Select(c => char.IsControl(c) ? ' ' : c).ToArray());

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("[^a-z0-9-]+")]
    private static partial Regex NotQueueChars();

    [GeneratedRegex("[^a-zA-Z0-9-]+")]
    private static partial Regex NotClusterChars();
}
