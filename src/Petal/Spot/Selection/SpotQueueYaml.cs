using Petal.Catalog;
using Petal.Common;
using Petal.Pcluster;
using Petal.Plans.Rendering;
using Petal.Seeds;

namespace Petal.Spot.Selection;

/// <summary>
/// `--as-queue NAME`: the chosen types as seed queues (capacity: spot, price-capacity-optimized). Types are
/// grouped with <see cref="ComputeResourcePlanner"/>'s flexible-instance rules (same architecture, vCPUs,
/// GPUs and EFA); each group becomes its own queue — largest first, named NAME, NAME-2, ... — so every
/// queue is one ParallelCluster compute resource and a multi-node job gets nodes of one shape.
/// </summary>
public static class SpotQueueYaml
{
    public const string AllocationStrategy = "price-capacity-optimized";

    /// <param name="disableHyperthreading">The selection asked for one thread per core: the queues run that way.</param>
    public static string Render(string name, IReadOnlyList<SpotCandidate> chosen, ICatalog catalog, int maxCount = SeedDefaults.MaxCount,
        bool disableHyperthreading = false)
    {
        if (!Patterns.QueueName.IsMatch(name) || name.Length > Patterns.QueueName.MaxLength - 3)
            throw new UserInputException($"--as-queue '{name}' is not a usable queue name: lowercase letters, digits and '-', starting with a letter, at most 22 characters (room for a '-N' suffix), not 'default'");
        if (chosen.Count == 0)
            throw new UserInputException("no instance type was chosen, so there is no queue to print; relax the filters");
        var groups = ComputeResourcePlanner.Plan(new QueueSpec
        {
            Name = name,
            InstanceTypes = chosen.Select(c => c.InstanceType).ToList(),
            Capacity = CapacityType.Spot,
            MaxCount = maxCount,
            DisableHyperthreading = disableHyperthreading,
        }, catalog)
            .Select(cr => cr.InstanceTypes)
            .OrderByDescending(types => types.Count)
            .ToList();

        var queues = groups.Select((types, i) =>
        {
            var first = chosen.First(c => c.InstanceType == types[0]);
            var queue = new YamlMap { Comment = $"{first.Architecture}, {first.Vcpus} vCPUs, {first.GpuCount} GPUs, EFA {(first.EfaSupported ? "yes" : "no")}" }
                .Add("name", i == 0 ? name : $"{name}-{i + 1}")
                .Add("capacity", "spot")
                .Add("allocation_strategy", AllocationStrategy)
                .Add("instance_types", types.Select(t => (object)t).ToList())
                .Add("min_count", 0)
                .Add("max_count", maxCount);
            return (object)(disableHyperthreading ? queue.Add("disable_hyperthreading", true) : queue);
        }).ToList();
        return YamlText.Write(new YamlMap().Add("queues", queues));
    }
}
