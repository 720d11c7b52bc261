using System.Text;

namespace Petal.Spack;

/// <summary>Quoting rules: Spack's quote_if_needed for the canonical form, and POSIX quoting for shells.</summary>
public static class SpecQuoting
{
    /// <summary>
    /// Characters with a meaning to a shell even inside double quotes, or that end a word or a command:
    /// the brief's <c>; $ ` | &amp; &lt; &gt;</c> and newlines, plus quotes, backslash and parentheses.
    /// </summary>
    private static readonly System.Buffers.SearchValues<char> ShellMetacharacters =
        System.Buffers.SearchValues.Create(";$`|&<>\n\r\\\"'()");

    /// <summary>
    /// Spack's quote_if_needed: values of [a-zA-Z0-9,/_.-]+ stay bare, others get single quotes, or
    /// JSON double quotes (Python's json.dumps) when they contain a single quote.
    /// </summary>
    public static string QuoteIfNeeded(string value)
    {
        if (value.Length > 0 && IsBare(value)) return value;
        return value.Contains('\'') ? PythonJsonString(value) : $"'{value}'";
    }

    private static bool IsBare(string value)
    {
        foreach (var c in value)
            if (!(char.IsAsciiLetterOrDigit(c) || c is ',' or '/' or '_' or '.' or '-')) return false;
        return true;
    }

    /// <summary>json.dumps(value) with Python's defaults (ensure_ascii).</summary>
    private static string PythonJsonString(string value)
    {
        var sb = new StringBuilder(value.Length + 8).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20 || c > 0x7e) sb.Append("\\u").Append(((int)c).ToString("x4"));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    /// <summary>True when <paramref name="value"/> holds a character a shell treats specially.</summary>
    public static bool HasShellMetacharacters(string value) => value.AsSpan().ContainsAny(ShellMetacharacters);

}
