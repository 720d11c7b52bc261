using Petal.Garden.Descriptions;
using Petal.Garden.Jobspecs;
using Petal.Slurm;

namespace Petal.Garden.Service.Agent;

/// <summary>
/// What a jobspec asks of Slurm: nodes, tasks of so many cores each, memory and GPUs per node. A format that says its
/// tasks (compact <c>tasks</c> × <c>cores_per_task</c>) is taken as it says; one that counts only cores (nextgen) gets
/// one task per core, counts multiplying down the request tree ("node ×2 with socket ×2 with core ×4" is 16 tasks on 2 nodes).
/// </summary>
public sealed record SlurmJobShape(int Nodes, long Tasks, long GpusPerNode)
{
    public int CoresPerTask { get; init; } = 1;
    public long? MemoryPerNodeMiB { get; init; }

    public static SlurmJobShape From(Jobspec spec)
    {
        long nodes = 0, cores = 0, gpus = 0;
        foreach (var top in spec.Resources)
        {
            if (top.Type == ResourceTypes.Node)
            {
                nodes += top.Count;
                cores += top.Count * Total(top.With, ResourceTypes.Core);
                gpus = Math.Max(gpus, Total(top.With, ResourceTypes.Gpu));
            }
            else
            {
                cores += Total([top], ResourceTypes.Core);
                gpus = Math.Max(gpus, Total([top], ResourceTypes.Gpu));
            }
        }
        return new SlurmJobShape((int)Math.Max(Math.Max(nodes, spec.Nodes), 1), Math.Max(spec.Tasks ?? cores, 1), gpus)
        {
            CoresPerTask = spec.Tasks is null ? 1 : Math.Max(spec.CoresPerTask, 1),
            // Slurm's --mem is whole MiB: round up so the node has at least what was asked.
            MemoryPerNodeMiB = spec.MemoryPerNodeBytes is { } bytes ? (long)Math.Ceiling(bytes / (1024 * 1024)) : null,
        };
    }

    /// <summary>The sbatch request of this shape, with the rest of what the agent decides (name, partitions, time, files).</summary>
    public SlurmJobRequest Request(string name, TimeSpan? timeLimit, IReadOnlyList<string> partitions, string workingDirectory, string output) => new()
    {
        Name = name, Nodes = Nodes, Tasks = Tasks, CoresPerTask = CoresPerTask, MemoryPerNodeMiB = MemoryPerNodeMiB, GpusPerNode = GpusPerNode,
        TimeLimit = timeLimit, Partitions = partitions, WorkingDirectory = workingDirectory, Output = output,
    };

    private static long Total(IEnumerable<ResourceRequest> requests, string type) =>
        requests.Sum(r => r.Type == type ? r.Count : r.Count * Total(r.With, type));
}
