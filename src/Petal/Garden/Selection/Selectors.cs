using Petal.Garden.Values;

namespace Petal.Garden.Selection;

/// <summary>Selection algorithms by name: random, first-fit, best-fit, least-cost, constraint (option <c>priorities</c>).</summary>
public static class Selectors
{
    public static readonly string[] Names = ["best-fit", "first-fit", "random", "least-cost", "constraint"];

    public static ISelector Create(string name, IReadOnlyDictionary<string, string>? options = null) => name switch
    {
        "random" => new RandomSelector(),
        "first-fit" => new FirstFitSelector(),
        "best-fit" => new BestFitSelector(),
        "least-cost" => new LeastCostSelector(),
        "constraint" => options is not null && options.TryGetValue("priorities", out var p)
            ? new ConstraintSelector(ConstraintOptions.Parse(p))
            : throw new GardenInputException("constraint selection needs the option 'priorities' (a YAML list of {priority, steps})"),
        _ => throw new GardenInputException($"unknown selection algorithm '{name}' (known: {string.Join(", ", Names)})"),
    };
}
