using Petal.Garden.Selection.Expressions;

namespace Petal.Garden.Selection;

public enum StepKind { Filter, Calc, SortAscending, SortDescending, Select }

/// <summary>One step of a constraint priority; expressions are parsed once, when the options are read.</summary>
public sealed record ConstraintStep(StepKind Kind, string Text, Expr? Expression, string? Target = null);

/// <summary>A priority level: its steps run in order; if nothing survives, the next priority is tried.</summary>
public sealed record ConstraintPriority(int Priority, IReadOnlyList<ConstraintStep> Steps);
