using Petal.Garden.Descriptions;
using Petal.Garden.Values;

namespace Petal.Tests.Garden;

public class JgfReaderTests
{
    [Fact]
    public void Keebler_has_3_nodes_and_36_cores()
    {
        var root = RainbowFixtures.Keebler().Partitions.Single().Root;
        Assert.Equal(3, root.Total(ResourceTypes.Id("node")));
        Assert.Equal(36, root.Total(ResourceTypes.Id("core")));
    }

    [Theory]
    [InlineData("{\"graph\": {\"nodes\": {", "not valid JSON")]
    [InlineData("{\"nodes\": {}}", "expected a JGF document")]
    [InlineData("{\"graph\": {\"nodes\": {\"1\": {\"metadata\": {\"type\": \"node\"}}}}}", "id \"0\"")]
    [InlineData("{\"graph\": {\"nodes\": {\"0\": {}}, \"edges\": [{\"source\": \"0\", \"target\": \"9\", \"relation\": \"contains\"}]}}", "no node \"9\"")]
    [InlineData("{\"graph\": {\"nodes\": {\"0\": {}, \"1\": {}, \"2\": {}, \"3\": {}}, \"edges\": [{\"source\": \"0\", \"target\": \"3\"}, {\"source\": \"1\", \"target\": \"3\"}]}}", "must be a tree")]
    public void Malformed_graphs_are_clear_errors(string json, string expected) =>
        Assert.Contains(expected, Assert.Throws<GardenInputException>(() => JgfReader.Read("c", json)).Message);

    [Fact]
    public void A_subsystem_edge_from_an_unknown_node_is_refused()
    {
        const string io = "{\"graph\": {\"nodes\": {\"io1\": {\"metadata\": {\"type\": \"shm\"}}}, \"edges\": [{\"source\": \"999\", \"target\": \"io1\", \"relation\": \"contains\"}]}}";
        var e = Assert.Throws<GardenInputException>(() => JgfReader.ValidateSubsystem(RainbowFixtures.Read("scheduler/cluster-nodes.json"), "io", io));
        Assert.Contains("\"999\" is neither a io node nor a node of the cluster graph", e.Message);
    }
}
