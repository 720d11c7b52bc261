using System.Diagnostics.CodeAnalysis;

namespace Petal.Spack;

/// <summary>
/// Spack 0.23's spec parser (spack.parser.parse_one_or_raise): one spec per string, the same
/// verdicts, error kinds and canonical form as Spack, with the column of every error.
/// <code>
/// spec      = [name] [node_options] { ^[edge_properties] node } | [name] [node_options] hash
/// node      = name [node_options] | [name] [node_options] hash
/// options   = { @versions | %compiler[@versions] | +v | ~v | -v | ++v | ~~v | key=value | key==value }
/// </code>
/// </summary>
public static class SpecParser
{
    public static SpackSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var start = 0;
        var end = text.Length;
        while (start < end && char.IsWhiteSpace(text[start])) start++;
        while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
        if (start == end)
            throw new SpecParseException(new SpecError(SpecErrorKinds.Value, "a single spec was requested, but none was parsed: the spec is empty", 1));
        return new SpecReader(text, start, end).ReadSpec();
    }

    public static bool TryParse(string text, [NotNullWhen(true)] out SpackSpec? spec, [NotNullWhen(false)] out SpecError? error)
    {
        try
        {
            spec = Parse(text);
            error = null;
            return true;
        }
        catch (SpecParseException e)
        {
            spec = null;
            error = e.Error;
            return false;
        }
    }
}
