using Petal.Common;

namespace Petal.Plans;

/// <summary>The seed or options hold values petal will not put into a config or a root script.</summary>
public sealed class PlanInputException(IReadOnlyList<Diagnostic> diagnostics)
    : Exception(string.Join("\n", diagnostics))
{
    public IReadOnlyList<Diagnostic> Diagnostics { get; } = diagnostics;
}
