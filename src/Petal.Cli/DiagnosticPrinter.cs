using Petal.Common;

namespace Petal.Cli;

/// <summary>Compiler-style diagnostics: <c>file:line:col: error[RULE] path: message</c>, a hint line, a summary.</summary>
public static class DiagnosticPrinter
{
    public static void Write(TextWriter output, IReadOnlyList<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics)
            output.WriteLine(d.ToString());
        output.WriteLine(Summary(diagnostics));
    }

    public static string Summary(IReadOnlyList<Diagnostic> diagnostics)
    {
        var errors = diagnostics.Count(d => d.IsError);
        var warnings = diagnostics.Count - errors;
        return $"{errors} error{(errors == 1 ? "" : "s")}, {warnings} warning{(warnings == 1 ? "" : "s")}";
    }

    /// <summary>The JSON shape of <c>petal validate --output json</c>.</summary>
    public static object ToJson(IReadOnlyList<Diagnostic> diagnostics, bool valid) => new
    {
        Valid = valid,
        Errors = diagnostics.Where(d => d.IsError).Select(Item).ToList(),
        Warnings = diagnostics.Where(d => !d.IsError).Select(Item).ToList(),
    };

    public static object Item(Diagnostic d) => new
    {
        Rule = d.RuleId,
        d.Message,
        d.Path,
        File = d.Location?.File,
        Line = d.Location?.Line,
        Column = d.Location?.Column,
        d.Hint,
    };
}
