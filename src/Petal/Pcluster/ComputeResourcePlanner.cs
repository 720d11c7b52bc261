using System.Security.Cryptography;
using System.Text;
using Petal.Catalog;
using Petal.Common;
using Petal.Seeds;

namespace Petal.Pcluster;

/// <summary>
/// Turns a seed queue into ParallelCluster compute resources. On-demand queues get one resource per
/// instance type; spot queues group types ParallelCluster accepts together in one flexible
/// <c>Instances</c> list (same architecture, same vCPUs — or cores when hyperthreading is disabled —,
/// same GPU count and maker, same inference accelerator count and maker, same EFA support: InstancesCPUValidator,
/// InstancesAcceleratorsValidator and InstancesEFAValidator of <see cref="Checking.ConfigChecker"/>). The queue's min and max counts are divided so the
/// totals are exactly the seed's: the Go petal lost nodes to integer division (max 10 over 3 types gave 9).
/// </summary>
public static class ComputeResourcePlanner
{
    public static int MaxNameLength => Patterns.QueueName.MaxLength!.Value;

    public static IReadOnlyList<ComputeResourcePlan> Plan(QueueSpec queue, ICatalog catalog)
    {
        var groups = queue.Capacity == CapacityType.Spot
            ? GroupFlexible(queue, catalog)
            : queue.InstanceTypes.Distinct(StringComparer.Ordinal).Select(t => (IReadOnlyList<string>)[t]).ToList();

        var mins = Divide(queue.MinCount, groups.Count);
        var maxes = Divide(queue.MaxCount, groups.Count);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<ComputeResourcePlan>(groups.Count);
        for (var i = 0; i < groups.Count; i++)
            result.Add(new ComputeResourcePlan(UniqueName(BaseName(groups[i]), used), groups[i], mins[i], maxes[i]));
        return result;
    }

    /// <summary>Splits <paramref name="total"/> into <paramref name="parts"/> shares that sum to it exactly (earlier shares get the remainder).</summary>
    public static int[] Divide(int total, int parts)
    {
        if (parts <= 0) return [];
        var shares = new int[parts];
        for (var i = 0; i < parts; i++)
            shares[i] = total / parts + (i < total % parts ? 1 : 0);
        return shares;
    }

    private static List<IReadOnlyList<string>> GroupFlexible(QueueSpec queue, ICatalog catalog) =>
        queue.InstanceTypes
            .Distinct(StringComparer.Ordinal)
            .GroupBy(t => catalog.Find(t) is { } i
                ? $"{i.Architecture}/{(queue.DisableHyperthreading ? i.Cores : i.VCpus)}/{i.GpuCount}/{i.GpuManufacturer}/{i.EfaSupported}" +
                  $"/{i.InferenceAcceleratorCount}/{i.InferenceAcceleratorManufacturer}"
                : $"unknown/{t}")
            .Select(g => (IReadOnlyList<string>)g.ToList())
            .ToList();

    /// <summary>"c6in.32xlarge" → "c6in-32xlarge"; a flexible group is named after its first type plus "-flex".</summary>
    private static string BaseName(IReadOnlyList<string> types)
    {
        var sb = new StringBuilder();
        foreach (var c in types[0].ToLowerInvariant())
            sb.Append(c is >= 'a' and <= 'z' or >= '0' and <= '9' ? c : '-');
        var name = sb.ToString().Trim('-');
        if (name.Length == 0 || name[0] is < 'a' or > 'z') name = "cr-" + name;
        if (types.Count > 1) name += "-flex";
        if (name == "default") name = "cr-default";
        return name.Length <= MaxNameLength ? name : Shorten(name, string.Join(",", types));
    }

    private static string Shorten(string name, string identity)
    {
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..6].ToLowerInvariant();
        return $"{name[..(MaxNameLength - 7)].TrimEnd('-')}-{hash}";
    }

    private static string UniqueName(string name, HashSet<string> used)
    {
        var candidate = name;
        for (var n = 2; !used.Add(candidate); n++)
        {
            var suffix = $"-{n}";
            candidate = (name.Length + suffix.Length <= MaxNameLength ? name : name[..(MaxNameLength - suffix.Length)]) + suffix;
        }
        return candidate;
    }
}
