namespace Petal.Common;

/// <summary>What kind of error ended a command; decides the exit code.</summary>
public enum ErrorKind
{
    /// <summary>The user's input is wrong and nothing was changed (exit 2).</summary>
    InvalidInput,
    /// <summary>Something failed at run time; <see cref="PetalException.LeftBehind"/> says what remains (exit 1).</summary>
    Failed,
    /// <summary>The user stopped it (Ctrl-C, exit 130).</summary>
    Cancelled,
}

/// <summary>
/// Every error petal reports: library code throws it (or one of its kinds: <see cref="UserInputException"/>,
/// Plans.PlanInputException, ...), foreign errors (AWS SDK, gRPC, processes) are translated into it once where they
/// are caught, and the CLI prints it once in the output format asked for (docs/architecture.md, "Errors").
/// </summary>
public class PetalException : Exception
{
    public PetalException(ErrorKind kind, string message, IReadOnlyList<Diagnostic>? diagnostics = null,
        IReadOnlyList<string>? leftBehind = null, string? cleanup = null, Exception? inner = null) : base(message, inner)
    {
        Kind = kind;
        Diagnostics = diagnostics ?? [];
        LeftBehind = leftBehind ?? [];
        Cleanup = cleanup;
    }

    public ErrorKind Kind { get; }
    /// <summary>Each problem of an invalid input, located (file:line:col) when it comes from a file.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }
    /// <summary>What a failed operation left behind (resources, files, processes); empty when nothing.</summary>
    public IReadOnlyList<string> LeftBehind { get; }
    /// <summary>How to remove what was left behind (a command line), when something was.</summary>
    public string? Cleanup { get; }

    public int ExitCode => Kind switch
    {
        ErrorKind.InvalidInput => ExitCodes.InvalidInput,
        ErrorKind.Cancelled => ExitCodes.Cancelled,
        _ => ExitCodes.Failure,
    };

    public static PetalException Invalid(string message) => new(ErrorKind.InvalidInput, message);

    /// <summary>Invalid input found by checks that report every problem (a seed, a plan file): all of them, located.</summary>
    public static PetalException Invalid(IReadOnlyList<Diagnostic> diagnostics) =>
        new(ErrorKind.InvalidInput, string.Join("\n", diagnostics.Where(d => d.IsError)), diagnostics);

    public static PetalException Failed(string message, IReadOnlyList<string> leftBehind, string? cleanup = null, Exception? inner = null) =>
        new(ErrorKind.Failed, message, leftBehind: leftBehind, cleanup: cleanup, inner: inner);
}
