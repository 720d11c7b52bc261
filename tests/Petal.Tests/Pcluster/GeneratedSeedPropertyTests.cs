using Petal.Catalog;
using Petal.Pcluster.Checking;
using Petal.Plans;
using Petal.Seeds;
using Petal.Tests.Plans;

namespace Petal.Tests.Pcluster;

/// <summary>
/// The rule book's promise, over generated seeds (<see cref="SeedGenerator"/>) and every library seed × layout:
/// whatever `petal validate` accepts, `petal plan` accepts, and the ParallelCluster config it writes passes
/// ParallelCluster 3.12's own schema and offline validators (<see cref="ConfigChecker"/>).
/// </summary>
public class GeneratedSeedPropertyTests
{
    private const int Seeds = 600;

    [Fact]
    public void Every_generated_seed_validate_accepts_plans_to_a_config_ParallelCluster_accepts()
    {
        var catalog = EmbeddedCatalog.LoadEmbedded();
        var generator = new SeedGenerator(20261207, catalog);
        var failures = new List<string>();
        var accepted = 0;
        var refusedBy = new Dictionary<string, int>();
        for (var i = 0; i < Seeds; i++)
        {
            var text = generator.Next();
            var loaded = SeedLoader.LoadText(text, $"generated-{i}.yaml", catalog);
            if (!loaded.Ok)
            {
                foreach (var id in loaded.Diagnostics.Where(d => d.IsError).Select(d => d.RuleId).Distinct())
                    refusedBy[id] = refusedBy.GetValueOrDefault(id) + 1;
                continue;
            }
            accepted++;
            Plan plan;
            try { plan = Planner.Create(loaded.Seed!, catalog, PlanOptions.Default); }
            catch (PlanInputException e)
            {
                failures.Add($"seed {i}: validate accepts, plan refuses:\n{e.Message}\n{text}");
                continue;
            }
            var errors = ConfigChecker.Check(PlanFixtures.FilledConfig(plan), catalog).Where(f => f.IsError).ToList();
            if (errors.Count > 0)
                failures.Add($"seed {i}: ParallelCluster refuses the plan:\n  {string.Join("\n  ", errors)}\n{text}");
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {accepted} accepted seeds broke the promise; first ones:\n" + string.Join("\n\n", failures.Take(5)));
        // The generator must exercise both sides: enough valid seeds to plan, and enough refused ones to probe the bounds.
        Assert.True(accepted >= Seeds / 5 && accepted <= Seeds * 4 / 5,
            $"{accepted} of {Seeds} accepted; refused by " + string.Join(", ", refusedBy.OrderByDescending(r => r.Value).Select(r => $"{r.Key} {r.Value}")));
    }

    [Theory]
    [MemberData(nameof(PlanFixtures.SeedsByLayout), MemberType = typeof(PlanFixtures))]
    public void Every_library_seed_and_layout_plans_to_a_config_ParallelCluster_accepts(string seed, SoftwareLayout layout)
    {
        var plan = PlanFixtures.Create(PlanFixtures.Named(seed), layout);
        var errors = ConfigChecker.Check(PlanFixtures.FilledConfig(plan), EmbeddedCatalog.LoadEmbedded()).Where(f => f.IsError);
        Assert.Empty(errors.Select(e => e.ToString()));
    }
}
