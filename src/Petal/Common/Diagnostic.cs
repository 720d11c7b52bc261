namespace Petal.Common;

public enum Severity { Error, Warning }

/// <summary>
/// One problem found in user input. <see cref="Path"/> is the seed path
/// (<c>compute.queues[1].max_count</c>); <see cref="Hint"/> says how to fix it.
/// </summary>
public sealed record Diagnostic(
    string RuleId,
    Severity Severity,
    string Message,
    string Path,
    SourceLocation? Location,
    string? Hint = null)
{
    public bool IsError => Severity == Severity.Error;

    public override string ToString()
    {
        var where = Location?.ToString() ?? "<seed>";
        var kind = IsError ? "error" : "warning";
        var text = $"{where}: {kind}[{RuleId}] {Path}: {Message}";
        return Hint is null ? text : $"{text}\n  hint: {Hint}";
    }
}
