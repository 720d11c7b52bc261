using Petal.Catalog;

namespace Petal.Capture;

/// <summary>The shape a queue's instance types must cover: the largest node of its partition.</summary>
public sealed record NodeShape(string Architecture, int VCpus, int Cores, long MemoryMb, int Gpus, string? GpuModel)
{
    public static NodeShape Of(IEnumerable<SlurmNode> nodes)
    {
        var list = nodes.ToList();
        var arch = list.Select(n => n.Architecture).FirstOrDefault() ?? "x86_64";
        return new NodeShape(Ec2Architecture(arch), list.Select(n => n.Cpus).DefaultIfEmpty(1).Max(),
            list.Select(n => n.Cores).DefaultIfEmpty(1).Max(), list.Select(n => n.MemoryMb).DefaultIfEmpty(0).Max(),
            list.Select(n => n.GpuCount).DefaultIfEmpty(0).Max(), list.Select(n => n.GpuModel).FirstOrDefault(m => m is not null));
    }

    /// <summary>uname's names → EC2's ("aarch64" → "arm64").</summary>
    public static string Ec2Architecture(string arch) => arch is "aarch64" or "arm64" ? "arm64" : "x86_64";
}

public sealed record FitCandidate(string InstanceType, decimal PricePerHour);

/// <summary>
/// The catalog's instance types that fit a node shape in a region: same architecture, at least its Slurm CPUs (the
/// vCPUs jobs are scheduled on; ParallelCluster declares a node's CPUs as the type's vCPUs) and memory, at least its GPUs (of the same model when Slurm names one), cheapest on-demand price first.
/// </summary>
public static class InstanceFit
{
    public static IReadOnlyList<FitCandidate> Cheapest(ICatalog catalog, string region, NodeShape shape, int count = 3)
    {
        var filter = new CatalogFilter
        {
            Region = region, Architecture = shape.Architecture, MinVCpus = shape.VCpus,
            MinMemoryGiB = shape.MemoryMb / 1024.0, Gpu = shape.Gpus > 0 ? true : null,
        };
        return catalog.Query(filter)
            .Where(o => o.Price?.OnDemand is not null && o.Type.GpuCount >= shape.Gpus && !o.Type.BareMetal)
            .Where(o => shape.Gpus == 0 || shape.GpuModel is null || ModelMatches(o.Type.GpuModel, shape.GpuModel))
            .OrderBy(o => o.Price!.OnDemand).ThenBy(o => o.Type.Name, StringComparer.Ordinal)
            .Take(count)
            .Select(o => new FitCandidate(o.Type.Name, o.Price!.OnDemand!.Value))
            .ToList();
    }

    /// <summary>Slurm's GRES type ("a100", "tesla_t4", "A10G") against EC2's model ("A100", "T4", "A10G").</summary>
    private static bool ModelMatches(string? ec2Model, string slurmModel)
    {
        if (ec2Model is null) return false;
        var words = slurmModel.Split('_', '-');
        return words.Any(w => w.Length > 1 && ec2Model.Contains(w, StringComparison.OrdinalIgnoreCase));
    }
}
