using System.Globalization;
using Petal.Spack;

namespace Petal.Garden.Values;

/// <summary>
/// A metadata value with its readings precomputed once when the description is built, so matching
/// never parses: the text, a number (a plain number, or bytes when it carries a unit) and a version.
/// </summary>
public sealed class AttributeValue
{
    public AttributeValue(string text, double? number = null)
    {
        Text = text;
        Number = number ?? (Quantity.TryParseNumber(text, out var n) ? n
            : Quantity.TryParseBytes(text, out var b) ? b : null);
        Version = VersionOf(text);
    }

    public string Text { get; }
    public double? Number { get; }
    public SpackVersion? Version { get; }

    /// <summary>
    /// The Spack version a metadata text reads as (<c>1.20</c>, <c>22.04.3</c>, <c>20230802</c>); only texts that
    /// start with a digit, since Spack would take any word ("amd64", "ubuntu") for a version.
    /// </summary>
    public static SpackVersion? VersionOf(string text)
    {
        var t = text.Trim();
        return t.Length > 0 && char.IsAsciiDigit(t[0]) && SpackVersion.TryParse(t, out var v) && !v.IsGit ? v : null;
    }

    public static AttributeValue Of(double number) =>
        new(number.ToString(CultureInfo.InvariantCulture), number);

    public static AttributeValue Bytes(double bytes) => new(Quantity.FormatBytes(bytes), bytes);

    public static AttributeValue Of(bool value) => new(value ? "true" : "false");

    public override string ToString() => Text;
}
