using Petal.Garden.Descriptions;
using Petal.Garden.Jobspecs;

namespace Petal.Garden.Service.Agent;

/// <summary>
/// What a jobspec asks of Slurm: nodes, tasks (one per requested core, as rainbow's simple submit counts them) and
/// GPUs per node. Counts multiply down the request tree ("node ×2 with socket ×2 with core ×4" is 16 tasks on 2 nodes).
/// </summary>
public sealed record SlurmJobShape(int Nodes, long Tasks, long GpusPerNode)
{
    public static SlurmJobShape From(Jobspec spec)
    {
        long nodes = 0, tasks = 0, gpus = 0;
        foreach (var top in spec.Resources)
        {
            if (top.Type == ResourceTypes.Node)
            {
                nodes += top.Count;
                tasks += top.Count * Total(top.With, ResourceTypes.Core);
                gpus = Math.Max(gpus, Total(top.With, ResourceTypes.Gpu));
            }
            else
            {
                tasks += Total([top], ResourceTypes.Core);
                gpus = Math.Max(gpus, Total([top], ResourceTypes.Gpu));
            }
        }
        return new SlurmJobShape((int)Math.Max(Math.Max(nodes, spec.Nodes), 1), Math.Max(tasks, 1), gpus);
    }

    /// <summary>sbatch options for this shape.</summary>
    public IEnumerable<string> SbatchOptions()
    {
        yield return $"--nodes={Nodes}";
        yield return $"--ntasks={Tasks}";
        if (GpusPerNode > 0) yield return $"--gres=gpu:{GpusPerNode}";
    }

    private static long Total(IEnumerable<ResourceRequest> requests, string type) =>
        requests.Sum(r => r.Type == type ? r.Count : r.Count * Total(r.With, type));
}
