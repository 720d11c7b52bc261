using System.Globalization;
using Petal.Catalog;
using Petal.Common;
using Petal.Pcluster;
using Petal.Plans;
using Petal.Seeds;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Petal.Providers.Aws.Clusters;

/// <summary>
/// Edits a ParallelCluster 3 cluster config (structurally, YamlDotNet's representation model) so one Slurm queue
/// launches the given spot instance types. The queue's compute resources become what `petal plan` renders for a
/// spot queue of those types (<see cref="ComputeResourcePlanner"/>): one flexible resource whose Instances are the
/// types when they share a shape, as `spot select`'s choices do. It keeps the old resources' total MinCount and
/// MaxCount and the first one's other settings (EFA, multithreading...). The queue gets CapacityType SPOT and
/// AllocationStrategy price-capacity-optimized. Everything else in the config is kept as it was.
/// </summary>
public static class SpotQueueConfig
{
    public const string AllocationStrategy = "price-capacity-optimized";
    private static readonly string[] Replaced = ["Name", "InstanceType", "Instances", "MinCount", "MaxCount"];

    /// <summary>The edited config, or null when the queue already launches exactly these types as spot.</summary>
    public static string? Replace(string yaml, string queue, IReadOnlyList<string> instanceTypes, ICatalog catalog)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var before = Text(stream);
        var queues = (stream.Documents.FirstOrDefault()?.RootNode as YamlMappingNode)?.Get("Scheduling")?.Get("SlurmQueues") as YamlSequenceNode
            ?? throw new UserInputException("the recorded cluster config has no Scheduling.SlurmQueues");
        var target = queues.OfType<YamlMappingNode>().FirstOrDefault(q => q.Get("Name")?.ToString() == queue)
            ?? throw new UserInputException($"the cluster has no queue '{queue}' (queues: {string.Join(", ", queues.OfType<YamlMappingNode>().Select(q => q.Get("Name")))}): "
                + "set the plan's queue: to one of them");
        var old = (target.Get("ComputeResources") as YamlSequenceNode)?.OfType<YamlMappingNode>().ToList() ?? [];
        var first = old.FirstOrDefault() ?? new YamlMappingNode();
        var plans = ComputeResourcePlanner.Plan(new QueueSpec
        {
            Name = queue, InstanceTypes = instanceTypes, Capacity = CapacityType.Spot, AllocationStrategy = AllocationStrategy,
            MinCount = old.Sum(r => Count(r, "MinCount", 0)),
            // ParallelCluster's default MaxCount is 10.
            MaxCount = old.Count == 0 ? 10 : old.Sum(r => Count(r, "MaxCount", 10)),
            DisableHyperthreading = first.Get("DisableSimultaneousMultithreading")?.ToString() == "true",
        }, catalog);

        target.Children[new YamlScalarNode("ComputeResources")] = new YamlSequenceNode(plans.Select(p => Resource(p, first)));
        target.Children[new YamlScalarNode("CapacityType")] = Quoted("SPOT");
        target.Children[new YamlScalarNode("AllocationStrategy")] = Quoted(AllocationStrategy);
        var after = Text(stream);
        return after == before ? null : after;
    }

    private static YamlMappingNode Resource(ComputeResourcePlan plan, YamlMappingNode template)
    {
        var resource = new YamlMappingNode
        {
            { "Name", Quoted(plan.Name) },
            { "Instances", new YamlSequenceNode(plan.InstanceTypes.Select(t => new YamlMappingNode { { "InstanceType", Quoted(t) } })) },
            { "MinCount", plan.MinCount.ToString(CultureInfo.InvariantCulture) },
            { "MaxCount", plan.MaxCount.ToString(CultureInfo.InvariantCulture) },
        };
        foreach (var (key, value) in template.Children.Where(c => !Replaced.Contains(c.Key.ToString())))
            resource.Add(key, value);
        return resource;
    }

    private static int Count(YamlMappingNode resource, string key, int fallback) =>
        int.TryParse(resource.Get(key)?.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : fallback;

    private static YamlScalarNode Quoted(string value) => new(value) { Style = ScalarStyle.DoubleQuoted };

    private static YamlNode? Get(this YamlNode node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string Text(YamlStream stream)
    {
        var writer = new StringWriter();
        stream.Save(writer, assignAnchors: false);
        // YamlStream ends every document with an explicit "..." marker; a config file needs none.
        var text = writer.ToString();
        return text.EndsWith("...\n", StringComparison.Ordinal) ? text[..^4] : text;
    }
}
