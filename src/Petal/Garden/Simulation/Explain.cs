namespace Petal.Garden.Simulation;

/// <summary>
/// How much a simulation says about clusters that cannot run a job: every pair (<see cref="Everything"/>), every
/// cluster for one job (<see cref="Job"/>), else the <see cref="Limit"/> nearest misses per job; matches are
/// listed up to <see cref="Limit"/> too unless everything is asked for (the count is always given).
/// </summary>
public sealed record Explain(bool Everything, string? Job, int Limit)
{
    public const int DefaultLimit = 3;

    public static readonly Explain All = new(true, null, int.MaxValue);
    public static readonly Explain NearMisses = new(false, null, DefaultLimit);

    /// <summary><c>--explain</c>: nothing given → near misses, <c>all</c> → every pair, any other word → that job.</summary>
    public static Explain Parse(string? value) => value switch
    {
        null or "" => NearMisses,
        "all" => All,
        _ => NearMisses with { Job = value },
    };

    public bool Full(string job) => Everything || job == Job;
}
