using Petal.Catalog;
using Petal.Common;
using Petal.Plans;
using Petal.Providers.Aws.Clusters;
using Petal.Seeds;
using Petal.Tests.Plans;
using Petal.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Petal.Tests.Aws;

public class SpotQueueConfigTests
{
    private static string Config(string example)
    {
        var loaded = SeedLoader.Load(Path.Combine(RepoPaths.Seeds, "examples", example + ".yaml"), EmbeddedCatalog.Default);
        return Planner.Create(loaded.Seed!, EmbeddedCatalog.Default, PlanOptions.Default).ClusterConfigYaml;
    }

    internal static YamlMappingNode Root(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    internal static YamlMappingNode Queue(YamlMappingNode root, string name) =>
        ((YamlSequenceNode)root["Scheduling"]["SlurmQueues"]).Cast<YamlMappingNode>().Single(q => q["Name"].ToString() == name);

    [Fact]
    public void The_queue_launches_the_chosen_types_as_one_flexible_spot_resource_and_nothing_else_changes()
    {
        var original = Config("spot");
        var edited = SpotQueueConfig.Replace(original, "c.yaml", "spot", ["c7a.4xlarge", "m7a.4xlarge"], EmbeddedCatalog.Default)!;

        var queue = Queue(Root(edited), "spot");
        var resource = Assert.IsType<YamlMappingNode>(Assert.Single((YamlSequenceNode)queue["ComputeResources"]));
        Assert.Equal(["c7a.4xlarge", "m7a.4xlarge"], ((YamlSequenceNode)resource["Instances"]).Select(i => i["InstanceType"].ToString()));
        Assert.Equal("c7a-4xlarge-flex", resource["Name"].ToString());
        Assert.Equal(("0", "40"), (resource["MinCount"].ToString(), resource["MaxCount"].ToString()));
        Assert.Equal("false", resource["DisableSimultaneousMultithreading"].ToString());
        Assert.False(resource.Children.ContainsKey(new YamlScalarNode("InstanceType")));
        Assert.Equal("SPOT", queue["CapacityType"].ToString());
        Assert.Equal("price-capacity-optimized", queue["AllocationStrategy"].ToString());

        // Everything but the queue's compute resources is what it was: compare the trees with them set aside.
        var before = Root(original);
        var after = Root(edited);
        Queue(before, "spot").Children.Remove(new YamlScalarNode("ComputeResources"));
        Queue(after, "spot").Children.Remove(new YamlScalarNode("ComputeResources"));
        Assert.Equal(Emit(before), Emit(after));
        Assert.Contains("\"{{subnet_id}}\"", edited);
    }

    [Fact]
    public void A_multi_subnet_queue_keeps_one_chosen_type_as_an_Instances_list_and_its_subnets()
    {
        var loaded = SeedLoader.Load(Path.Combine(RepoPaths.Seeds, "library", "production-multi-az.yaml"), EmbeddedCatalog.Default);
        var plan = Planner.Create(loaded.Seed!, EmbeddedCatalog.Default, PlanOptions.Default);
        var edited = SpotQueueConfig.Replace(PlanFixtures.FilledConfig(plan), "c.yaml", "align", ["c7a.4xlarge"], EmbeddedCatalog.Default)!;
        var queue = Queue(Root(edited), "align");
        var resource = Assert.IsType<YamlMappingNode>(Assert.Single((YamlSequenceNode)queue["ComputeResources"]));
        Assert.False(resource.Children.ContainsKey("InstanceType"));
        Assert.Equal(["c7a.4xlarge"], ((YamlSequenceNode)resource["Instances"]).Select(i => i["InstanceType"].ToString()));
        Assert.Equal(3, ((YamlSequenceNode)queue["Networking"]["SubnetIds"]).Children.Count);
        Assert.Empty(Petal.Pcluster.Checking.ConfigChecker.Check(edited, EmbeddedCatalog.Default).Where(f => f.IsError).Select(f => f.ToString()));
    }

    [Fact]
    public void An_on_demand_queue_becomes_spot_keeping_its_total_counts()
    {
        var edited = SpotQueueConfig.Replace(Config("local-one-queue"), "c.yaml", "compute", ["c6i.large", "c6a.large"], EmbeddedCatalog.Default)!;
        var queue = Queue(Root(edited), "compute");
        var resource = (YamlMappingNode)Assert.Single((YamlSequenceNode)queue["ComputeResources"]);
        Assert.Equal(("1", "3"), (resource["MinCount"].ToString(), resource["MaxCount"].ToString()));
        Assert.Equal("SPOT", queue["CapacityType"].ToString());
    }

    [Fact]
    public void A_queue_that_already_launches_the_types_needs_no_update()
    {
        var once = SpotQueueConfig.Replace(Config("spot"), "c.yaml", "spot", ["c7a.4xlarge"], EmbeddedCatalog.Default)!;
        Assert.Null(SpotQueueConfig.Replace(once, "c.yaml", "spot", ["c7a.4xlarge"], EmbeddedCatalog.Default));
    }

    [Fact]
    public void An_unknown_queue_names_the_queues_there_are()
    {
        var e = Assert.Throws<PetalException>(() => SpotQueueConfig.Replace(Config("spot"), "c.yaml", "gpu", ["c7a.4xlarge"], EmbeddedCatalog.Default));
        Assert.Contains("no queue 'gpu' (queues: spot, ondemand)", e.Message);
        // spot run reaches this after earlier batches ran: a failed operation, not "invalid input, nothing changed".
        Assert.Equal(ErrorKind.Failed, e.Kind);
    }

    private static string Emit(YamlNode node)
    {
        var writer = new StringWriter();
        new YamlStream(new YamlDocument(node)).Save(writer, assignAnchors: false);
        return writer.ToString();
    }
}
