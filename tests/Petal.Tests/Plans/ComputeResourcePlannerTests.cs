using Petal.Pcluster;
using Petal.Plans;
using Petal.Seeds;

namespace Petal.Tests.Plans;

public class ComputeResourcePlannerTests
{
    [Theory]
    [InlineData(10, 3, new[] { 4, 3, 3 })]
    [InlineData(0, 2, new[] { 0, 0 })]
    [InlineData(1000, 7, new[] { 143, 143, 143, 143, 143, 143, 142 })]
    public void Divide_keeps_the_total(int total, int parts, int[] expected)
    {
        var shares = ComputeResourcePlanner.Divide(total, parts);
        Assert.Equal(expected, shares);
        Assert.Equal(total, shares.Sum());
    }

    [Fact]
    public void Min_share_never_exceeds_max_share()
    {
        for (var parts = 1; parts <= 6; parts++)
        for (var max = 0; max <= 20; max++)
        for (var min = 0; min <= max; min++)
        {
            var mins = ComputeResourcePlanner.Divide(min, parts);
            var maxes = ComputeResourcePlanner.Divide(max, parts);
            Assert.All(Enumerable.Range(0, parts), i => Assert.True(mins[i] <= maxes[i]));
        }
    }

    [Fact]
    public void Ondemand_queue_gets_one_valid_resource_per_type_with_exact_totals()
    {
        var queue = new QueueSpec
        {
            Name = "compute",
            InstanceTypes = ["c6in.32xlarge", "c5.xlarge", "hpc7g.16xlarge"],
            MinCount = 2,
            MaxCount = 10,
        };
        var plans = ComputeResourcePlanner.Plan(queue, catalog: null!); // on-demand never consults the catalog

        Assert.Equal(["c6in-32xlarge", "c5-xlarge", "hpc7g-16xlarge"], plans.Select(p => p.Name));
        Assert.Equal(10, plans.Sum(p => p.MaxCount));
        Assert.Equal(2, plans.Sum(p => p.MinCount));
        Assert.All(plans, p => Assert.Matches("^[a-z][a-z0-9-]*$", p.Name));
    }

    [Fact]
    public void Long_and_clashing_names_are_shortened_uniquely_within_25_characters()
    {
        var queue = new QueueSpec
        {
            Name = "q",
            InstanceTypes = ["u-24tb1.112xlarge-extra-long-a", "u-24tb1.112xlarge-extra-long-b"],
            MaxCount = 4,
        };
        var names = ComputeResourcePlanner.Plan(queue, catalog: null!).Select(p => p.Name).ToList();
        Assert.Equal(2, names.Distinct().Count());
        Assert.All(names, n => Assert.InRange(n.Length, 1, 25));
    }
}
