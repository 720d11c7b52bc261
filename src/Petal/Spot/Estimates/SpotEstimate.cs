namespace Petal.Spot.Estimates;

/// <summary>The expected cost of one experiment, with the formula and the figures put into it.</summary>
public sealed record ExperimentEstimate(
    string Name,
    int Batches,
    int Iterations,
    int Nodes,
    double RuntimeSeconds,
    string RuntimeSource,
    double StartupSeconds,
    /// <summary>Mean spot price of the types each batch would choose (same seeds as `spot run`).</summary>
    decimal SpotPrice,
    IReadOnlyList<IReadOnlyList<string>> ChosenPerBatch,
    decimal RunCost,
    decimal StartupCost,
    decimal Cost,
    double WallHours,
    string Formula);

/// <summary>All experiments plus the head node, which runs for the whole plan.</summary>
public sealed record SpotEstimate(
    string Region,
    IReadOnlyList<ExperimentEstimate> Experiments,
    string HeadNodeType,
    decimal HeadNodePrice,
    double WallHours,
    decimal HeadNodeCost,
    decimal Total,
    string HeadNodeFormula,
    string PriceSource);
