namespace Petal.Spack;

/// <summary>
/// One release component of a Spack version: a number, a plain string, or one of Spack's
/// "infinity" words (stable &lt; trunk &lt; head &lt; master &lt; main &lt; develop) that sort above every number.
/// </summary>
internal readonly struct VersionComponent : IComparable<VersionComponent>, IEquatable<VersionComponent>
{
    /// <summary>Spack's infinity_versions, lowest first.</summary>
    private static readonly string[] InfinityWords = ["stable", "trunk", "head", "master", "main", "develop"];

    // Kind 0: number (Text holds the digits without leading zeros); 1: plain string; 2: infinity (Infinity index).
    private readonly byte _kind;
    public readonly string Text;
    public readonly int Infinity;

    private VersionComponent(byte kind, string text, int infinity)
    {
        _kind = kind;
        Text = text;
        Infinity = infinity;
    }

    public bool IsNumber => _kind == 0;

    public static VersionComponent Number(ReadOnlySpan<char> digits)
    {
        var trimmed = digits.TrimStart('0');
        return new VersionComponent(0, trimmed.Length == 0 ? "0" : trimmed.ToString(), 0);
    }

    public static VersionComponent Word(ReadOnlySpan<char> word)
    {
        for (var i = 0; i < InfinityWords.Length; i++)
            if (word.SequenceEqual(InfinityWords[i])) return new VersionComponent(2, InfinityWords[i], i);
        return new VersionComponent(1, word.ToString(), 0);
    }

    /// <summary>An infinity component above "develop": Spack's typemax.</summary>
    public static VersionComponent AboveAll => new(2, "infinity", InfinityWords.Length);

    /// <summary>The smallest component strictly greater than this one (Spack's next_version rule).</summary>
    public VersionComponent Next()
    {
        switch (_kind)
        {
            case 0: return new VersionComponent(0, IncrementDigits(Text), 0);
            case 2: return new VersionComponent(2, Infinity + 1 < InfinityWords.Length ? InfinityWords[Infinity + 1] : "infinity", Infinity + 1);
        }
        // Plain string: bump the last character that is not 'z'; all 'z' goes to the lowest infinity word.
        var chars = Text.ToCharArray();
        for (var i = chars.Length - 1; i >= 0; i--)
        {
            if (chars[i] == 'z') continue;
            chars[i]++;
            return new VersionComponent(1, new string(chars, 0, i + 1), 0);
        }
        return new VersionComponent(2, InfinityWords[0], 0);
    }

    private static string IncrementDigits(string digits)
    {
        var chars = digits.ToCharArray();
        for (var i = chars.Length - 1; i >= 0; i--)
        {
            if (chars[i] != '9') { chars[i]++; return new string(chars); }
            chars[i] = '0';
        }
        return "1" + new string(chars);
    }

    public int CompareTo(VersionComponent other)
    {
        if (_kind == other._kind)
        {
            return _kind switch
            {
                0 => Text.Length != other.Text.Length ? Text.Length.CompareTo(other.Text.Length) : Math.Sign(string.CompareOrdinal(Text, other.Text)),
                1 => Math.Sign(string.CompareOrdinal(Text, other.Text)),
                _ => Infinity.CompareTo(other.Infinity),
            };
        }
        // plain string < number < infinity word
        return Rank(_kind).CompareTo(Rank(other._kind));
    }

    private static int Rank(byte kind) => kind switch { 1 => 0, 0 => 1, _ => 2 };

    public bool Equals(VersionComponent other) => CompareTo(other) == 0;
    public override bool Equals(object? obj) => obj is VersionComponent c && Equals(c);
    public override int GetHashCode() => HashCode.Combine(_kind, Text);
    public override string ToString() => Text;
}
