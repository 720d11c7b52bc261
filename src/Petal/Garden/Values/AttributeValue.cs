using System.Globalization;

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
        Version = GardenVersion.TryParse(text, out var v) ? v : null;
    }

    public string Text { get; }
    public double? Number { get; }
    public GardenVersion? Version { get; }

    public static AttributeValue Of(double number) =>
        new(number.ToString(CultureInfo.InvariantCulture), number);

    public static AttributeValue Bytes(double bytes) => new(Quantity.FormatBytes(bytes), bytes);

    public static AttributeValue Of(bool value) => new(value ? "true" : "false");

    public override string ToString() => Text;
}
