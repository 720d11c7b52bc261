using Petal.Common;

namespace Petal.Cli;

/// <summary>
/// Prints an error once, in the output format asked for: human lines on stderr, or under --output json one object of
/// one shape on stdout (<c>{"error": {"kind", "exit_code", "message", "diagnostics", "left_behind", "cleanup"}}</c>).
/// </summary>
public static class ErrorOutput
{
    public static int Write(PetalException error, bool json)
    {
        if (json) CliOutput.WriteJson(ToJson(error));
        else WriteHuman(Console.Error, error);
        return error.ExitCode;
    }

    public static object ToJson(PetalException error) => new
    {
        Error = new
        {
            error.Kind,
            error.ExitCode,
            error.Message,
            Diagnostics = error.Diagnostics.Select(DiagnosticPrinter.Item).ToList(),
            error.LeftBehind,
            error.Cleanup,
        },
    };

    private static void WriteHuman(TextWriter output, PetalException error)
    {
        // Located problems print as a compiler does (one line each, then the count); the message repeats them.
        if (error.Diagnostics.Count > 0) DiagnosticPrinter.Write(output, error.Diagnostics);
        else foreach (var line in error.Message.Split('\n')) output.WriteLine($"petal: {line}");
        foreach (var left in error.LeftBehind) output.WriteLine($"left behind: {left}");
        if (error.Cleanup is { } cleanup) output.WriteLine($"to remove it: {cleanup}");
    }
}
