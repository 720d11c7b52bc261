namespace Petal.Garden.Descriptions;

/// <summary>What one queue's nodes are: the shape a job's nodes will have there.</summary>
public sealed record QueueDescription
{
    public required string Name { get; init; }
    /// <summary>amd64 or arm64 (see <see cref="Values.Architecture"/>).</summary>
    public required string Architecture { get; init; }
    public string? CpuManufacturer { get; init; }
    public int VCpus { get; init; }
    public int Cores { get; init; }
    public int ThreadsPerCore { get; init; }
    /// <summary>CPUs a job can request per node (vCPUs, or cores when hyperthreading is off).</summary>
    public int SchedulableCpus { get; init; }
    public long MemoryMiB { get; init; }
    public GpuDescription? Gpu { get; init; }
    public bool Efa { get; init; }
    public int MaxNodes { get; init; }
    public string? Os { get; init; }
    public string? OsVersion { get; init; }
    public int? RootDiskGiB { get; init; }
    public int? SharedDiskGiB { get; init; }
    public IReadOnlyList<string> InstanceTypes { get; init; } = [];
    /// <summary>On-demand US$ per node-hour from the catalog (the dearest type of the queue), when known.</summary>
    public decimal? PricePerNodeHour { get; init; }
}
