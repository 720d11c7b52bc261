namespace Petal.Slurm;

/// <summary>
/// What one sbatch asks for, exactly: <see cref="Tasks"/> tasks of <see cref="CoresPerTask"/> cores over <see cref="Nodes"/>
/// nodes, memory and GPUs per node, a time limit, the partitions it may run in (any that fits), and where it runs and writes.
/// </summary>
public sealed record SlurmJobRequest
{
    public required string Name { get; init; }
    public int Nodes { get; init; } = 1;
    public long Tasks { get; init; } = 1;
    public int CoresPerTask { get; init; } = 1;
    public long? MemoryPerNodeMiB { get; init; }
    public long GpusPerNode { get; init; }
    public TimeSpan? TimeLimit { get; init; }
    public IReadOnlyList<string> Partitions { get; init; } = [];
    /// <summary>Output file (Slurm's own name, slurm-%j.out, when null).</summary>
    public string? Output { get; init; }
    public string? WorkingDirectory { get; init; }
    /// <summary>Requeued when its node goes away (spot reclaims).</summary>
    public bool Requeue { get; init; }

    /// <summary>sbatch's options for this request, each one word (never parsed by a shell unquoted).</summary>
    public IReadOnlyList<string> SbatchOptions()
    {
        var o = new List<string> { "--parsable", $"--job-name={Name}", $"--nodes={Nodes}", $"--ntasks={Tasks}" };
        if (CoresPerTask > 1) o.Add($"--cpus-per-task={CoresPerTask}");
        if (MemoryPerNodeMiB is { } mem) o.Add($"--mem={mem}M");
        if (GpusPerNode > 0) o.Add($"--gres=gpu:{GpusPerNode}");
        if (TimeLimit is { } t) o.Add($"--time={Math.Max(1, (int)Math.Ceiling(t.TotalMinutes))}");
        if (Partitions.Count > 0) o.Add($"--partition={string.Join(',', Partitions)}");
        if (Output is not null) o.Add($"--output={Output}");
        if (WorkingDirectory is not null) o.Add($"--chdir={WorkingDirectory}");
        if (Requeue) o.Add("--requeue");
        return o;
    }
}
