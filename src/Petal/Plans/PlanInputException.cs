using Petal.Common;

namespace Petal.Plans;

/// <summary>The seed or options hold values petal will not put into a config or a root script (exit 2, every problem).</summary>
public sealed class PlanInputException(IReadOnlyList<Diagnostic> diagnostics)
    : PetalException(ErrorKind.InvalidInput, string.Join("\n", diagnostics), diagnostics);
