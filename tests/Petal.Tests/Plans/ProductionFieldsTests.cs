using System.Text.Json;
using Petal.Catalog;
using Petal.Common;
using Petal.Pcluster.Checking;
using Petal.Pcluster.Updates;
using Petal.Plans;
using Petal.Seeds;
using YamlDotNet.RepresentationModel;

namespace Petal.Tests.Plans;

/// <summary>
/// The production seed fields (issue 15 point 4): queue subnet_ids, fallback: ondemand, cluster.max_cost_per_hour and tags,
/// each planned to a config ParallelCluster's offline rules accept, and the update policies of the keys they render.
/// </summary>
public class ProductionFieldsTests
{
    private const string Seed = """
        cluster:
          name: prod
          region: us-east-1
          max_cost_per_hour: 100
        compute:
          head_node: c6i.large
          queues:
            - name: cpu
              instance_types: [c6i.large, c6a.large]
              max_count: 8
              subnet_ids: [subnet-0a1b2c3d4e5f60001, subnet-0a1b2c3d4e5f60002]
            - name: spot
              instance_types: [c6i.xlarge, c6a.xlarge]
              max_count: 6
              capacity: spot
              allocation_strategy: price-capacity-optimized
              fallback: ondemand
        tags:
          team: hpc
          cost-center: "4711"
        """;

    private static readonly ICatalog Catalog = EmbeddedCatalog.Default;

    private static Seed Load(string text)
    {
        var loaded = SeedLoader.LoadText(text, "prod.yaml", Catalog);
        Assert.True(loaded.Ok, string.Join("\n", loaded.Diagnostics));
        return loaded.Seed!;
    }

    private static (Plan Plan, YamlMappingNode Config) PlanOf(string text)
    {
        var plan = PlanFixtures.Create(Load(text), SoftwareLayout.Shared);
        var yaml = PlanFixtures.FilledConfig(plan);
        Assert.Empty(ConfigChecker.Check(yaml, Catalog).Where(f => f.IsError).Select(f => f.ToString()));
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (plan, (YamlMappingNode)stream.Documents[0].RootNode);
    }

    private static YamlMappingNode Queue(YamlMappingNode config, string name) =>
        ((YamlSequenceNode)((YamlMappingNode)config["Scheduling"])["SlurmQueues"]).Cast<YamlMappingNode>().Single(q => q["Name"].ToString() == name);

    [Fact]
    public void Queue_subnets_are_rendered_as_given_with_every_compute_resource_as_an_Instances_list()
    {
        var (_, config) = PlanOf(Seed);
        var cpu = Queue(config, "cpu");
        Assert.Equal(["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"], ((YamlSequenceNode)((YamlMappingNode)cpu["Networking"])["SubnetIds"]).Select(n => n.ToString()));
        foreach (YamlMappingNode cr in (YamlSequenceNode)cpu["ComputeResources"])
        {
            Assert.False(cr.Children.ContainsKey("InstanceType"));
            Assert.Single((YamlSequenceNode)cr["Instances"]);
        }
        // The queue without subnet_ids keeps the subnet create resolves.
        Assert.Equal([PlanFixtures.Samples["subnet_id"]], ((YamlSequenceNode)((YamlMappingNode)Queue(config, "spot")["Networking"])["SubnetIds"]).Select(n => n.ToString()));
    }

    [Fact]
    public void A_fallback_queue_is_on_demand_with_the_same_types_and_a_lower_partition_tier()
    {
        var (plan, config) = PlanOf(Seed);
        var spot = Queue(config, "spot");
        var od = Queue(config, "spot-od");
        Assert.Equal("SPOT", spot["CapacityType"].ToString());
        Assert.Equal("ONDEMAND", od["CapacityType"].ToString());
        Assert.False(od.Children.ContainsKey("AllocationStrategy"));
        Assert.Equal(FallbackQueues.SpotPriorityTier.ToString(), ((YamlMappingNode)spot["CustomSlurmSettings"])["PriorityTier"].ToString());
        Assert.Equal(FallbackQueues.FallbackPriorityTier.ToString(), ((YamlMappingNode)od["CustomSlurmSettings"])["PriorityTier"].ToString());
        Assert.Equal(plan.Queues["spot"].SelectMany(r => r.InstanceTypes).Order(), plan.Queues["spot-od"].SelectMany(r => r.InstanceTypes).Order());
        Assert.Equal(6, plan.Queues["spot-od"].Sum(r => r.MaxCount));
        Assert.False(Queue(config, "cpu").Children.ContainsKey("CustomSlurmSettings"));
        Assert.Equal("ondemand", plan.Cost.Queues.Single(q => q.Name == "spot-od").CapacityType);
    }

    [Fact]
    public void Fallback_names_fit_the_queue_name_rule_for_every_queue_name()
    {
        var random = new Random(15);
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-";
        for (var i = 0; i < 2000; i++)
        {
            var name = "q" + new string(Enumerable.Range(0, random.Next(0, 25)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            var derived = FallbackQueues.NameFor(name);
            Assert.True(Patterns.QueueName.IsMatch(derived), $"{name} → {derived}");
            Assert.StartsWith(name[..Math.Min(name.Length, 22)], derived);
            Assert.Equal(derived, FallbackQueues.NameFor(name));
        }
    }

    [Fact]
    public void The_plan_shows_the_cost_guard_margin_priced_as_validate_prices_it()
    {
        var (plan, _) = PlanOf(Seed);
        var guard = plan.Cost.Guard!;
        Assert.Equal(100m, guard.MaxCostUsdPerHour);
        Assert.Equal(100m - plan.Cost.MaxPerHour, guard.MarginUsdPerHour);
        Assert.Equal(CostEstimator.HourlyBound(Load(Seed), Catalog, []).MaxPerHour, plan.Cost.MaxPerHour);
        var json = JsonDocument.Parse(plan.Files[PlanFiles.PlanJson]).RootElement.GetProperty("cost").GetProperty("guard");
        Assert.Equal(guard.MarginUsdPerHour, json.GetProperty("margin_usd_per_hour").GetDecimal());
        Assert.Equal(100m, json.GetProperty("max_cost_usd_per_hour").GetDecimal());
    }

    [Fact]
    public void The_cost_guard_counts_fallback_queues_on_demand_and_refuses_a_cent_below_the_maximum()
    {
        var seed = Load(Seed);
        var max = CostEstimator.HourlyBound(seed, Catalog, []).MaxPerHour;
        var withoutFallback = CostEstimator.HourlyBound(Load(Seed.Replace("      fallback: ondemand\n", "")), Catalog, []).MaxPerHour;
        var onDemand = Catalog.Price("us-east-1", "c6i.xlarge")!.OnDemand!.Value;
        Assert.True(max - withoutFallback >= 6 * Math.Min(onDemand, Catalog.Price("us-east-1", "c6a.xlarge")!.OnDemand!.Value));
        var at = Seed.Replace("max_cost_per_hour: 100", $"max_cost_per_hour: {max.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        Assert.True(SeedLoader.LoadText(at, "at.yaml", Catalog).Ok);
        var below = Seed.Replace("max_cost_per_hour: 100", $"max_cost_per_hour: {(max - 0.01m).ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        var refused = SeedLoader.LoadText(below, "below.yaml", Catalog);
        var d = Assert.Single(refused.Errors);
        Assert.Equal("COST-GUARD", d.RuleId);
        Assert.Equal(4, d.Location!.Value.Line);
    }

    [Fact]
    public void Tags_render_as_ParallelCluster_Tags_in_seed_order()
    {
        var (_, config) = PlanOf(Seed);
        var tags = ((YamlSequenceNode)config["Tags"]).Cast<YamlMappingNode>().Select(t => (t["Key"].ToString(), t["Value"].ToString()));
        Assert.Equal([("team", "hpc"), ("cost-center", "4711")], tags);
    }

    [Fact]
    public void ParallelCluster_refuses_its_own_tag_prefix_and_overlong_tags()
    {
        var (plan, _) = PlanOf(Seed);
        var yaml = PlanFixtures.FilledConfig(plan);
        Assert.Contains(ConfigChecker.Check(yaml.Replace("\"team\"", "\"parallelcluster:team\""), Catalog), f => f.Message.Contains("'parallelcluster:' is reserved"));
        Assert.Contains(ConfigChecker.Check(yaml.Replace("\"team\"", "\"" + new string('k', 129) + "\""), Catalog), f => f.Message.Contains("maximum length 128"));
    }

    [Theory]
    [InlineData("team: hpc", "team: ops", UpdatePolicy.Unsupported, UpdateRequirement.NewCluster)]
    [InlineData("subnet_ids: [subnet-0a1b2c3d4e5f60001, subnet-0a1b2c3d4e5f60002]", "subnet_ids: [subnet-0a1b2c3d4e5f60001, subnet-0a1b2c3d4e5f60002, subnet-0a1b2c3d4e5f60003]", UpdatePolicy.ManagedFsx, UpdateRequirement.Live)]
    [InlineData("subnet_ids: [subnet-0a1b2c3d4e5f60001, subnet-0a1b2c3d4e5f60002]", "subnet_ids: [subnet-0a1b2c3d4e5f60001, subnet-0a1b2c3d4e5f60003]", UpdatePolicy.ManagedFsx, UpdateRequirement.StopFleet)]
    public void Changes_to_the_new_keys_are_classified_with_ParallelClusters_policies(string from, string to, UpdatePolicy policy, UpdateRequirement requirement)
    {
        var before = PlanFixtures.FilledConfig(PlanOf(Seed).Plan);
        var after = PlanFixtures.FilledConfig(PlanOf(Seed.Replace(from, to)).Plan);
        var change = Assert.Single(ConfigDiff.Compare(before, after).Changes);
        Assert.Equal(policy, change.Policy);
        Assert.Equal(requirement, change.Requirement);
    }

    [Fact]
    public void Adding_a_fallback_adds_a_queue_live_and_changes_the_spot_queues_partition_settings_by_queue_update_strategy()
    {
        var before = PlanFixtures.FilledConfig(PlanOf(Seed.Replace("      fallback: ondemand\n", "")).Plan);
        var after = PlanFixtures.FilledConfig(PlanOf(Seed).Plan);
        var changes = ConfigDiff.Compare(before, after).Changes;
        Assert.Contains(changes, c => c.Path == "Scheduling.SlurmQueues[spot-od]" && c.Requirement == UpdateRequirement.Live);
        Assert.Contains(changes, c => c.Path == "Scheduling.SlurmQueues[spot].CustomSlurmSettings" && c.Policy == UpdatePolicy.QueueUpdateStrategy);
    }
}
