namespace Petal.Providers.Local;

/// <summary>
/// One Slurm node of a twin, shaped like the ParallelCluster node it stands for: static nodes run from
/// create to delete, dynamic ones are State=CLOUD and power up on demand.
/// </summary>
public sealed record TwinNode(
    string Name,
    string Queue,
    string ComputeResource,
    string InstanceType,
    bool IsStatic,
    int Cpus,
    long MemoryMiB,
    int Port)
{
    private readonly IReadOnlyList<string> _instanceTypes = [];

    /// <summary>
    /// Every type the node may launch as, in launch order (cheapest first), as a flexible compute resource lists
    /// them; <see cref="InstanceType"/> is the first. A state.json written before this existed reads as that one type.
    /// </summary>
    public IReadOnlyList<string> InstanceTypes
    {
        get => _instanceTypes.Count > 0 ? _instanceTypes : [InstanceType];
        init => _instanceTypes = value;
    }

    /// <summary>GPUs the node declares as Slurm GRES (<c>gpu:GpuType:Gpus</c>); 0 for a type without GPUs.</summary>
    public int Gpus { get; init; }

    /// <summary>The GRES type of the GPUs (the catalog's model as Slurm names it, "a10g"); null when types differ.</summary>
    public string? GpuType { get; init; }
}

/// <summary>The queues and nodes of a twin, and how much node memory had to be capped to fit the host.</summary>
public sealed record TwinTopology(IReadOnlyList<string> Queues, IReadOnlyList<TwinNode> Nodes, long? MemoryCapMiB)
{
    /// <summary>Slurm PriorityTier by partition, for a spot queue with an on-demand fallback and its fallback (<see cref="Seeds.FallbackQueues"/>).</summary>
    public IReadOnlyDictionary<string, int> PriorityTiers { get; init; } = new Dictionary<string, int>();

    /// <summary>A twin's recorded topology, with <paramref name="nodes"/> in place of its recorded nodes when given.</summary>
    public static TwinTopology Of(TwinState state, IReadOnlyList<TwinNode>? nodes = null) =>
        new(state.Queues, nodes ?? state.Nodes, state.MemoryCapMiB) { PriorityTiers = state.PriorityTiers };

    public IEnumerable<TwinNode> StaticNodes => Nodes.Where(n => n.IsStatic);
    public IEnumerable<TwinNode> DynamicNodes => Nodes.Where(n => !n.IsStatic);
}
