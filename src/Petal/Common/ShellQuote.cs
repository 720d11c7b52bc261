namespace Petal.Common;

/// <summary>
/// The one way a value enters a generated bash script: single-quoted, with <c>'</c> written as
/// <c>'\''</c>. Inside single quotes bash expands nothing ($, backticks, globs, ;, newlines are
/// literal), so a quoted value is always exactly one inert word.
/// </summary>
public static class ShellQuote
{
    public static string Single(string value)
    {
        // Bash strings cannot hold NUL; refusing is safer than silently truncating.
        if (value.Contains('\0')) throw new ArgumentException("a NUL character cannot be passed to bash", nameof(value));
        return "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    /// <summary><c>NAME=( 'a' 'b' )</c>: a bash array declaration, one quoted word per item.</summary>
    public static string Array(string name, IEnumerable<string> items)
    {
        var words = items.Select(Single).ToList();
        return words.Count == 0 ? $"{name}=()" : $"{name}=( {string.Join(' ', words)} )";
    }

    /// <summary><c>NAME='value'</c>.</summary>
    public static string Assign(string name, string value) => $"{name}={Single(value)}";
}
