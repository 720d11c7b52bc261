namespace Petal.Garden.Values;

/// <summary>
/// A lenient version (<c>1.20</c>, <c>22.04.3</c>, <c>0.5.2</c>, <c>20230802</c>, <c>1.2rc1</c>) compared the
/// way Spack orders them: segments split at '.', '-', '_' and at digit/letter boundaries; numbers
/// compare numerically (1.20 &gt; 1.9), a numeric segment sorts after a textual one, and a version
/// that is a prefix of another is lower (1.20 &lt; 1.20.14) but <see cref="IsPrefixOf"/> it.
/// </summary>
public sealed class GardenVersion : IComparable<GardenVersion>
{
    private readonly string[] _segments;
    private readonly long[] _numbers; // -1 when the segment is not numeric

    private GardenVersion(string text, string[] segments, long[] numbers)
    {
        Text = text;
        _segments = segments;
        _numbers = numbers;
    }

    public string Text { get; }

    public static bool TryParse(string? text, out GardenVersion version)
    {
        version = null!;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var t = text.Trim();
        if (!char.IsDigit(t[0])) return false;
        var segments = new List<string>();
        var start = 0;
        for (var i = 1; i <= t.Length; i++)
        {
            var boundary = i == t.Length || t[i] is '.' or '-' or '_'
                || char.IsDigit(t[i]) != char.IsDigit(t[i - 1]) && t[i - 1] is not ('.' or '-' or '_');
            if (!boundary) continue;
            if (i > start && t[start] is not ('.' or '-' or '_')) segments.Add(t[start..i]);
            start = i < t.Length && t[i] is '.' or '-' or '_' ? i + 1 : i;
        }
        foreach (var s in segments)
            if (!s.All(char.IsLetterOrDigit)) return false;
        var numbers = segments.Select(s => long.TryParse(s, out var n) ? n : -1).ToArray();
        version = new GardenVersion(t, segments.ToArray(), numbers);
        return true;
    }

    public static GardenVersion Parse(string text) =>
        TryParse(text, out var v) ? v : throw new FormatException($"'{text}' is not a version");

    public int CompareTo(GardenVersion? other)
    {
        if (other is null) return 1;
        var n = Math.Min(_segments.Length, other._segments.Length);
        for (var i = 0; i < n; i++)
        {
            int c;
            if (_numbers[i] >= 0 && other._numbers[i] >= 0) c = _numbers[i].CompareTo(other._numbers[i]);
            else if (_numbers[i] >= 0) c = 1;
            else if (other._numbers[i] >= 0) c = -1;
            else c = string.CompareOrdinal(_segments[i], other._segments[i]);
            if (c != 0) return c;
        }
        return _segments.Length.CompareTo(other._segments.Length);
    }

    /// <summary>Spack's "1.20 contains 1.20.14": every segment of this one equals the other's.</summary>
    public bool IsPrefixOf(GardenVersion other)
    {
        if (_segments.Length > other._segments.Length) return false;
        for (var i = 0; i < _segments.Length; i++)
            if (_numbers[i] >= 0 ? _numbers[i] != other._numbers[i] : _segments[i] != other._segments[i]) return false;
        return true;
    }

    public override string ToString() => Text;
}
