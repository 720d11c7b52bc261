using Petal.Common;
using Petal.Spot.Selection;

namespace Petal.Spot.Plans;

/// <summary>One experiment of a plan: a node shape, how many types to try, and the template's values.</summary>
public sealed record SpotExperiment
{
    public required string Name { get; init; }
    public int? VCpus { get; init; }
    public int? Cores { get; init; }
    /// <summary>M: types chosen per batch.</summary>
    public int MaxInstanceTypes { get; init; } = 4;
    /// <summary>N: cheapest candidates kept.</summary>
    public int FilterInstanceTypes { get; init; } = 20;
    public decimal? MaxSpotPrice { get; init; }
    public int Nodes { get; init; } = 1;
    public IReadOnlyDictionary<string, string> Vars { get; init; } = new Dictionary<string, string>();
    public SourceLocation? Location { get; init; }
}

/// <summary>
/// A spot experiment plan (docs/spot.md): shared filters, batches × iterations, a job template with
/// [[VAR]] placeholders, and experiments. Loaded and validated by <see cref="SpotPlanLoader"/>.
/// </summary>
public sealed record SpotPlan
{
    public required string SourceFile { get; init; }
    public string Region { get; init; } = SpotQuery.DefaultRegion;
    /// <summary>The cluster queue (Slurm partition) whose instance types each batch changes.</summary>
    public string Queue { get; init; } = "spot";
    public int Batches { get; init; } = 1;
    public int Iterations { get; init; } = 1;
    public int Seed { get; init; } = 1;
    public SpotChoice Choose { get; init; } = SpotChoice.Random;
    public string? Architecture { get; init; } = "x86_64";
    public string? Hypervisor { get; init; }
    public bool? BareMetal { get; init; } = false;
    public bool? Gpu { get; init; } = false;
    public string HeadNode { get; init; } = "c6a.large";
    public TimeSpan NodeStartup { get; init; } = TimeSpan.FromMinutes(2);
    public required JobTemplate Template { get; init; }
    public IReadOnlyList<SpotExperiment> Experiments { get; init; } = [];

    /// <summary>The selection of batch <paramref name="batch"/> (1-based) of an experiment: seed = plan seed + batch − 1.</summary>
    public SpotQuery Query(SpotExperiment e, int batch) => new()
    {
        Region = Region,
        VCpus = e.VCpus,
        Cores = e.Cores,
        Architecture = Architecture,
        Gpu = Gpu,
        BareMetal = BareMetal,
        Hypervisor = Hypervisor,
        MaxSpotPrice = e.MaxSpotPrice,
        Filter = e.FilterInstanceTypes,
        Max = e.MaxInstanceTypes,
        Choose = Choose,
        Seed = Seed + batch - 1,
    };
}
