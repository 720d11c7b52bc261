using Spectre.Console;
using Spectre.Console.Rendering;

namespace Petal.Cli;

/// <summary>
/// The human-output console. On a terminal: Spectre.Console at the terminal's width, or COLUMNS when set.
/// When stdout is not a terminal: tables become one tab-separated line per row (a header line first, the
/// title as a '# ' line) so grep, awk and sort see whole names; anything else renders without wrapping.
/// </summary>
internal sealed class PipeConsole(IAnsiConsole inner, bool piped) : IAnsiConsole
{
    /// <summary>Wide enough that nothing petal prints wraps when piped.</summary>
    private const int PipedWidth = 4096;

    public static IAnsiConsole Create(IAnsiConsole inner, bool piped, string? columns)
    {
        if (piped) inner.Profile.Width = PipedWidth;
        else if (int.TryParse(columns, out var width) && width is > 0 and <= PipedWidth) inner.Profile.Width = width;
        return new PipeConsole(inner, piped);
    }

    public Profile Profile => inner.Profile;
    public IAnsiConsoleCursor Cursor => inner.Cursor;
    public IAnsiConsoleInput Input => inner.Input;
    public IExclusivityMode ExclusivityMode => inner.ExclusivityMode;
    public RenderPipeline Pipeline => inner.Pipeline;
    public void Clear(bool home) => inner.Clear(home);
    public void WriteAnsi(Action<AnsiWriter> action) => inner.WriteAnsi(action);

    public void Write(IRenderable renderable)
    {
        if (piped && renderable is Table table) WriteRows(table);
        else inner.Write(renderable);
    }

    private void WriteRows(Table table)
    {
        var lines = new List<string>();
        if (table.Title is { Text: { Length: > 0 } title }) lines.Add("# " + Plain(new Markup(title)));
        if (table.ShowHeaders) lines.Add(string.Join('\t', table.Columns.Select(c => Plain(c.Header))));
        lines.AddRange(table.Rows.Select(row => string.Join('\t', row.Select(Plain))));
        if (table.Caption is { Text: { Length: > 0 } caption }) lines.Add("# " + Plain(new Markup(caption)));
        foreach (var line in lines) inner.Profile.Out.Writer.WriteLine(line);
    }

    /// <summary>A cell's text on one line: tabs and line breaks would split the row.</summary>
    private string Plain(IRenderable cell) =>
        string.Concat(cell.GetSegments(inner).Where(s => !s.IsControlCode).Select(s => s.IsLineBreak ? " " : s.Text))
            .Replace('\t', ' ').Trim();
}
