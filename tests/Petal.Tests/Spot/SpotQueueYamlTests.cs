using Petal.Catalog;
using Petal.Common;
using Petal.Seeds;
using Petal.Spot.Selection;
using Petal.Tests.Support;

namespace Petal.Tests.Spot;

public class SpotQueueYamlTests
{
    private static SpotCandidate Pick(string type) =>
        SpotSelector.Select(EmbeddedCatalog.Default, new SpotQuery { Filter = 0 }).Candidates.First(c => c.InstanceType == type);

    [Fact]
    public void Groups_become_queues_largest_first_and_the_seed_loader_accepts_them()
    {
        var chosen = new[] { "c6g.8xlarge", "c6i.8xlarge", "m6i.8xlarge", "m6a.8xlarge" }.Select(Pick).ToList();
        var yaml = SpotQueueYaml.Render("exp", chosen, EmbeddedCatalog.Default);
        Assert.Contains("  - name: \"exp\"\n", yaml);
        Assert.Contains("  - name: \"exp-2\"\n", yaml);
        // The three x86_64 types form the first (largest) group; the arm64 one is alone.
        var firstQueue = yaml[..yaml.IndexOf("- name: \"exp-2\"", StringComparison.Ordinal)];
        Assert.Contains("c6i.8xlarge", firstQueue);
        Assert.Contains("m6a.8xlarge", firstQueue);
        Assert.DoesNotContain("c6g.8xlarge", firstQueue);
        Assert.Contains("allocation_strategy: \"price-capacity-optimized\"", yaml);
        Assert.Contains("  # x86_64, 32 vCPUs, 0 GPUs, EFA", yaml);

        // A cluster's queues share the head node's architecture (ParallelCluster's rule): the x86_64 selection goes in.
        using var dir = new TempDirectory();
        var x86 = SpotQueueYaml.Render("exp", chosen.Where(c => c.Architecture == "x86_64").ToList(), EmbeddedCatalog.Default);
        var seedText = "cluster:\n  name: spot-exp\n  region: us-east-1\ncompute:\n  head_node: c6a.large\n"
            + string.Join("\n", x86.Split('\n').Select(l => l.Length == 0 ? l : "  " + l));
        var result = SeedLoader.LoadText(seedText, dir.File("seed.yaml"), EmbeddedCatalog.Default);
        Assert.True(result.Ok, string.Join("\n", result.Diagnostics));
        Assert.All(result.Seed!.Compute.Queues, q => Assert.Equal(CapacityType.Spot, q.Capacity));
    }

    [Fact]
    public void Bad_queue_name_is_a_user_error()
    {
        var e = Assert.Throws<UserInputException>(() => SpotQueueYaml.Render("Exp_1", [Pick("c6i.8xlarge")], EmbeddedCatalog.Default));
        Assert.Contains("lowercase", e.Message);
    }
}
