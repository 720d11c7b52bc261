using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Petal.Plans.Rendering;

/// <summary>
/// A small block-style YAML writer over plain trees (ordered maps, lists, scalars). Every string is
/// written double-quoted with JSON escapes (valid YAML 1.1/1.2; quotes, backslashes and control characters escaped), so no value can turn into a key, a
/// tag, an anchor, a number or a boolean; keys are petal's own and written plain.
/// </summary>
public static partial class YamlText
{
    public static string Write(YamlMap root)
    {
        var sb = new StringBuilder();
        WriteMap(sb, root, 0);
        return sb.ToString();
    }

    /// <summary>
    /// A JSON string literal (the escaping JsonSerializer writes), without the serializer: its reflection set-up
    /// (every default converter) was a third of `petal plan`'s start-up.
    /// </summary>
    public static string Quote(string value) =>
        "\"" + JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value + "\"";

    private static void WriteMap(StringBuilder sb, YamlMap map, int indent)
    {
        foreach (var (key, value) in map.Entries)
        {
            if (value is null or YamlMap { IsEmpty: true }) continue;
            sb.Append(' ', indent).Append(Key(key)).Append(':');
            WriteValue(sb, value, indent);
        }
    }

    private static void WriteValue(StringBuilder sb, object value, int indent)
    {
        switch (value)
        {
            case YamlMap m:
                sb.Append('\n');
                WriteMap(sb, m, indent + 2);
                break;
            case IEnumerable<object> { } list when !list.Any():
                sb.Append(" []\n");
                break;
            case IEnumerable<object> list:
                sb.Append('\n');
                foreach (var item in list)
                {
                    if (item is YamlMap { Comment: { } comment })
                        sb.Append(' ', indent + 2).Append("# ").Append(comment.ReplaceLineEndings(" ")).Append('\n');
                    sb.Append(' ', indent + 2).Append('-');
                    if (item is YamlMap { IsEmpty: false } im)
                    {
                        // First entry on the dash line, the rest aligned under it.
                        var inner = new StringBuilder();
                        WriteMap(inner, im, indent + 4);
                        sb.Append(' ').Append(inner.ToString().AsSpan(indent + 4));
                    }
                    else WriteValue(sb, item, indent + 2);
                }
                break;
            default:
                sb.Append(' ').Append(Scalar(value)).Append('\n');
                break;
        }
    }

    /// <summary>Keys petal writes are plain words; anything else (Spack's "{name}_ROOT") is quoted.</summary>
    private static string Key(string key) => PlainKey().IsMatch(key) ? key : Quote(key);

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.-]*\z")] private static partial Regex PlainKey();

    private static string Scalar(object value) => value switch
    {
        string s => Quote(s),
        bool b => b ? "true" : "false",
        int or long => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"unsupported YAML scalar {value.GetType().Name}"),
    };
}

/// <summary>An insertion-ordered YAML mapping; null values are skipped when written.</summary>
public sealed class YamlMap
{
    public List<KeyValuePair<string, object?>> Entries { get; } = [];

    /// <summary>A comment line written above the mapping when it is a list item (one line; newlines become spaces).</summary>
    public string? Comment { get; init; }

    /// <summary>No entry with a value: written as nothing (an empty settings block is left out).</summary>
    public bool IsEmpty => Entries.All(e => e.Value is null or YamlMap { IsEmpty: true });

    public YamlMap Add(string key, object? value)
    {
        Entries.Add(new(key, value));
        return this;
    }
}
