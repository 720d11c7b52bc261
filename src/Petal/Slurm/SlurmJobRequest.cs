namespace Petal.Slurm;

/// <summary>
/// What one sbatch asks for, exactly: <see cref="Tasks"/> tasks of <see cref="CoresPerTask"/> cores over <see cref="Nodes"/>
/// nodes, memory and GPUs per node, a time limit, the partitions it may run in (any that fits), and where it runs and writes.
/// A null name, node or task count leaves it to the script's own #SBATCH lines (command-line options override them).
/// </summary>
public sealed record SlurmJobRequest
{
    public string? Name { get; init; }
    public int? Nodes { get; init; } = 1;
    public long? Tasks { get; init; } = 1;
    /// <summary>Tasks on every node (sbatch --ntasks-per-node), in place of <see cref="Tasks"/> in all.</summary>
    public int? TasksPerNode { get; init; }
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
    /// <summary>The job starts from the compute node's own login environment, not the submitter's (sbatch --export=NONE).</summary>
    public bool ExportNone { get; init; }

    /// <summary>sbatch's options for this request, each one word (never parsed by a shell unquoted).</summary>
    public IReadOnlyList<string> SbatchOptions()
    {
        var o = new List<string> { "--parsable" };
        if (Name is not null) o.Add($"--job-name={Name}");
        if (Nodes is { } nodes) o.Add($"--nodes={nodes}");
        if (TasksPerNode is { } perNode) o.Add($"--ntasks-per-node={perNode}");
        else if (Tasks is { } tasks) o.Add($"--ntasks={tasks}");
        if (CoresPerTask > 1) o.Add($"--cpus-per-task={CoresPerTask}");
        if (MemoryPerNodeMiB is { } mem) o.Add($"--mem={mem}M");
        if (GpusPerNode > 0) o.Add($"--gres=gpu:{GpusPerNode}");
        if (TimeLimit is { } t) o.Add($"--time={Math.Max(1, (int)Math.Ceiling(t.TotalMinutes))}");
        if (Partitions.Count > 0) o.Add($"--partition={string.Join(',', Partitions)}");
        if (Output is not null) o.Add($"--output={Output}");
        if (WorkingDirectory is not null) o.Add($"--chdir={WorkingDirectory}");
        if (Requeue) o.Add("--requeue");
        if (ExportNone) o.Add("--export=NONE");
        return o;
    }
}
