using Petal.Catalog;
using Petal.Spot.Selection;

namespace Petal.Tests.Spot;

/// <summary>Selection against the embedded catalog: filters, ranking, N then M, seeded choices.</summary>
public class SpotSelectorTests
{
    private static readonly ICatalog Catalog = EmbeddedCatalog.Default;

    private static readonly SpotQuery Cpu32 = new()
    {
        VCpus = 32, Architecture = "x86_64", Gpu = false, BareMetal = false, Hypervisor = "nitro", Filter = 12, Max = 4,
    };

    [Fact]
    public void Candidates_match_every_filter_and_rank_by_spot_price()
    {
        var s = SpotSelector.Select(Catalog, Cpu32 with { MaxSpotPrice = 1.5m, MinMemoryGiB = 100, MaxThreadsPerCore = 2 });
        Assert.NotEmpty(s.Candidates);
        Assert.All(s.Candidates, c =>
        {
            var t = Catalog.Find(c.InstanceType)!;
            Assert.Equal(32, t.VCpus);
            Assert.Equal("x86_64", t.Architecture);
            Assert.Equal(0, t.GpuCount);
            Assert.False(t.BareMetal);
            Assert.Equal("nitro", t.Hypervisor);
            Assert.True(t.MemoryGiB >= 100);
            Assert.True(c.SpotPrice <= 1.5m);
            Assert.True(Catalog.IsOffered("us-east-1", c.InstanceType));
        });
        Assert.Equal(s.Candidates.OrderBy(c => c.SpotPrice).ThenBy(c => c.InstanceType, StringComparer.Ordinal).Select(c => c.InstanceType),
            s.Candidates.Select(c => c.InstanceType));
        Assert.Equal(SpotPriceSource.CatalogEstimate, s.PriceSource);
    }

    [Fact]
    public void Keeps_the_n_cheapest_then_chooses_m_of_them()
    {
        var all = SpotSelector.Select(Catalog, Cpu32 with { Filter = 0 });
        var s = SpotSelector.Select(Catalog, Cpu32);
        Assert.True(all.Candidates.Count > 12);
        Assert.Equal(all.Candidates.Take(12).Select(c => c.InstanceType), s.Candidates.Select(c => c.InstanceType));
        Assert.Equal(4, s.Chosen.Count);
        Assert.Equal(s.Candidates.Take(4), s.Chosen);
    }

    [Fact]
    public void Filter_still_applies_under_a_max_spot_price()
    {
        var s = SpotSelector.Select(Catalog, Cpu32 with { MaxSpotPrice = 100m, Filter = 5 });
        Assert.Equal(5, s.Candidates.Count);
    }

    [Fact]
    public void Random_choice_is_reproducible_by_seed_and_varies_across_seeds()
    {
        var q = Cpu32 with { Choose = SpotChoice.Random, Seed = 42 };
        var first = SpotSelector.Select(Catalog, q).Chosen.Select(c => c.InstanceType).ToList();
        var again = SpotSelector.Select(Catalog, q).Chosen.Select(c => c.InstanceType).ToList();
        Assert.Equal(first, again);
        var others = Enumerable.Range(0, 10)
            .Select(seed => string.Join(",", SpotSelector.Select(Catalog, q with { Seed = seed }).Chosen.Select(c => c.InstanceType)))
            .Distinct().Count();
        Assert.True(others > 1, "different seeds should give different choices");
        var candidates = SpotSelector.Select(Catalog, q).Candidates.Select(c => c.InstanceType).ToList();
        Assert.All(first, t => Assert.Contains(t, candidates));
        // Chosen types keep rank order.
        Assert.Equal(first.OrderBy(candidates.IndexOf), first);
    }

    [Fact]
    public void Diversified_spreads_over_families()
    {
        var q = Cpu32 with { Choose = SpotChoice.Diversified, Filter = 0, Max = 6, Seed = 3 };
        var s = SpotSelector.Select(Catalog, q);
        Assert.Equal(6, s.Chosen.Count);
        Assert.Equal(6, s.Chosen.Select(c => c.Family).Distinct().Count());
        Assert.Equal(s.Chosen, SpotSelector.Select(Catalog, q).Chosen);
        // Cheapest may repeat a family; diversified never spreads less.
        var cheapest = SpotSelector.Select(Catalog, q with { Choose = SpotChoice.Cheapest, Filter = 0 });
        Assert.True(s.Chosen.Select(c => c.Family).Distinct().Count() >= cheapest.Chosen.Select(c => c.Family).Distinct().Count());
    }

    [Fact]
    public void Price_per_core_ranks_by_spot_price_divided_by_cores()
    {
        var s = SpotSelector.Select(Catalog, new SpotQuery { Architecture = "x86_64", Gpu = false, Sort = SpotSort.PricePerCore, Filter = 30 });
        Assert.Equal(30, s.Candidates.Count);
        var perCore = s.Candidates.Select(c => c.SpotPrice / c.Cores).ToList();
        Assert.Equal(perCore.Order(), perCore);
    }

    [Fact]
    public void Cores_selects_exact_physical_core_count()
    {
        var s = SpotSelector.Select(Catalog, new SpotQuery { Cores = 64, Filter = 0 });
        Assert.NotEmpty(s.Candidates);
        Assert.All(s.Candidates, c => Assert.Equal(64, c.Cores));
        Assert.Contains(s.Candidates, c => c.Vcpus == 128);
    }

    [Fact]
    public void Region_comes_from_the_query_not_a_constant()
    {
        var east = SpotSelector.Select(Catalog, Cpu32 with { Region = "us-east-1" });
        var sydney = SpotSelector.Select(Catalog, Cpu32 with { Region = "ap-southeast-2" });
        Assert.Equal("ap-southeast-2", sydney.Region);
        var shared = east.Candidates.Select(c => c.InstanceType).Intersect(sydney.Candidates.Select(c => c.InstanceType)).FirstOrDefault();
        Assert.NotNull(shared);
        Assert.Equal(Catalog.Price("ap-southeast-2", shared)!.SpotAverage, sydney.Candidates.First(c => c.InstanceType == shared).SpotPrice);
        Assert.NotEqual(east.Candidates.First(c => c.InstanceType == shared).SpotPrice, sydney.Candidates.First(c => c.InstanceType == shared).SpotPrice);
    }

    [Fact]
    public void Live_prices_replace_the_estimates_and_unpriced_types_are_counted()
    {
        var estimate = SpotSelector.Select(Catalog, Cpu32 with { Filter = 3 });
        var live = new Dictionary<string, SpotPriceStats>
        {
            [estimate.Candidates[2].InstanceType] = new(0.01m, 0.03m, 0.02m, 3),
            [estimate.Candidates[0].InstanceType] = new(0.05m, 0.05m, 0.05m, 1),
        };
        var s = SpotSelector.Select(Catalog, Cpu32 with { Filter = 0 }, live);
        Assert.Equal(SpotPriceSource.Live, s.PriceSource);
        Assert.Equal([estimate.Candidates[2].InstanceType, estimate.Candidates[0].InstanceType], s.Candidates.Select(c => c.InstanceType));
        Assert.Equal(3, s.Candidates[0].ZoneCount);
        Assert.Equal(0.01m, s.Candidates[0].SpotMin);
        Assert.True(s.Unpriced > 0);
    }
}
