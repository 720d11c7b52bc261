using System.Diagnostics.CodeAnalysis;

namespace Petal.Spack;

/// <summary>
/// A single Spack version (StandardVersion or GitVersion) ordered as Spack orders them: numeric
/// components as numbers (1.20 &gt; 1.9), plain strings below numbers, develop/main/master/... above
/// every number, a shorter prefix below its extensions (1.2 &lt; 1.2.0), and alpha/beta/rc
/// pre-releases below the release (1.2rc1 &lt; 1.2). Separators do not matter (1.2 == 1-2).
/// </summary>
public sealed class SpackVersion : IComparable<SpackVersion>, IEquatable<SpackVersion>
{
    private const int Final = 3;
    private static readonly string[] PrereleaseWords = ["alpha", "beta", "rc"];

    private readonly VersionComponent[] _release;
    private readonly int _prereleaseType;
    private readonly string? _prereleaseNumber;

    private SpackVersion(string text, VersionComponent[] release, int prereleaseType, string? prereleaseNumber,
        string? gitRef = null, SpackVersion? gitRefVersion = null)
    {
        Text = text;
        _release = release;
        _prereleaseType = prereleaseType;
        _prereleaseNumber = prereleaseNumber;
        GitRef = gitRef;
        GitRefVersion = gitRefVersion;
    }

    /// <summary>The version as written.</summary>
    public string Text { get; }

    /// <summary>True for git versions: <c>git.&lt;ref&gt;[=ver]</c> or a 40-hex commit <c>[=ver]</c>.</summary>
    public bool IsGit => GitRef is not null;

    /// <summary>The branch, tag or commit of a git version (without the <c>git.</c> prefix).</summary>
    public string? GitRef { get; }

    /// <summary>The version a git ref stands for (<c>git.v4.1.6=4.1.6</c> → 4.1.6), when given.</summary>
    public SpackVersion? GitRefVersion { get; }

    public static SpackVersion Parse(string text) =>
        TryParse(text, out var version, out var error) ? version : throw new FormatException(error);

    public static bool TryParse(string? text, [NotNullWhen(true)] out SpackVersion? version) =>
        TryParse(text, out version, out _);

    private static bool TryParse(string? text, [NotNullWhen(true)] out SpackVersion? version, out string error)
    {
        version = null;
        text = text?.Trim() ?? "";
        if (text.Length == 0) { error = "a version cannot be empty"; return false; }
        // Git refs may hold '/' (branch names), so they are recognised before the character check.
        if (IsGitText(text))
        {
            var eq = text.IndexOf('=', 1);
            var refPart = eq < 0 ? text : text[..eq];
            SpackVersion? refVersion = null;
            if (eq >= 0 && !TryParse(text[(eq + 1)..], out refVersion, out error)) return false;
            var gitRef = refPart.StartsWith("git.", StringComparison.Ordinal) ? refPart[4..] : refPart;
            var standard = ParseStandard(refPart);
            version = new SpackVersion(text, standard._release, standard._prereleaseType, standard._prereleaseNumber, gitRef, refVersion);
            error = "";
            return true;
        }
        if (!IsValidVersionText(text)) { error = $"Bad characters in version string: {text}"; return false; }
        version = ParseStandard(text);
        error = "";
        return true;
    }

    /// <summary>Spack's VALID_VERSION: <c>^[A-Za-z0-9_.-][=A-Za-z0-9_.-]*$</c>.</summary>
    private static bool IsValidVersionText(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' || (c == '=' && i > 0)) continue;
            return false;
        }
        return true;
    }

    internal static bool IsGitText(ReadOnlySpan<char> text) =>
        text.StartsWith("git.") || (text.Length == 40 && IsHex(text)) || text[1..].Contains('=');

    internal static bool IsHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
            if (!char.IsAsciiHexDigit(c)) return false;
        return true;
    }

    /// <summary>Spack's parse_string_components: number and letter runs; separators are skipped.</summary>
    private static SpackVersion ParseStandard(string text)
    {
        var segments = new List<VersionComponent>(4);
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            if (char.IsAsciiDigit(text[i]))
            {
                while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
                segments.Add(VersionComponent.Number(text.AsSpan(start, i - start)));
            }
            else if (char.IsAsciiLetter(text[i]))
            {
                while (i < text.Length && char.IsAsciiLetter(text[i])) i++;
                segments.Add(VersionComponent.Word(text.AsSpan(start, i - start)));
            }
            else i++;
        }

        var prereleaseType = Final;
        string? prereleaseNumber = null;
        if (segments.Count >= 3 && segments[^1].IsNumber && PrereleaseIndex(segments[^2]) is var t and >= 0)
        {
            prereleaseType = t;
            prereleaseNumber = segments[^1].Text;
            segments.RemoveRange(segments.Count - 2, 2);
        }
        else if (segments.Count >= 2 && PrereleaseIndex(segments[^1]) is var t1 and >= 0)
        {
            prereleaseType = t1;
            segments.RemoveAt(segments.Count - 1);
        }
        return new SpackVersion(text, segments.ToArray(), prereleaseType, prereleaseNumber);
    }

    private static int PrereleaseIndex(VersionComponent c) => c.IsNumber ? -1 : Array.IndexOf(PrereleaseWords, c.Text);

    /// <summary>The version used for ordering: a git version sorts as the version it names.</summary>
    private SpackVersion OrderKey => GitRefVersion ?? this;

    /// <summary>The smallest version above every version that has this one as a prefix (Spack's next_version).</summary>
    internal SpackVersion Next()
    {
        var key = OrderKey;
        if (key._prereleaseType != Final)
        {
            var n = key._prereleaseNumber is null ? "0" : VersionComponent.Number(key._prereleaseNumber).Next().Text;
            return new SpackVersion("", key._release, key._prereleaseType, n);
        }
        VersionComponent[] release;
        if (key._release.Length == 0)
            release = [VersionComponent.Word("A")];
        else
        {
            release = (VersionComponent[])key._release.Clone();
            release[^1] = release[^1].Next();
        }
        return new SpackVersion("", release, Final, null);
    }

    public int CompareTo(SpackVersion? other)
    {
        if (other is null) return 1;
        if (ReferenceEquals(this, other)) return 0;
        var a = OrderKey;
        var b = other.OrderKey;
        var n = Math.Min(a._release.Length, b._release.Length);
        for (var i = 0; i < n; i++)
        {
            var c = a._release[i].CompareTo(b._release[i]);
            if (c != 0) return c;
        }
        if (a._release.Length != b._release.Length) return a._release.Length.CompareTo(b._release.Length);
        if (a._prereleaseType != b._prereleaseType) return a._prereleaseType.CompareTo(b._prereleaseType);
        if (a._prereleaseNumber != b._prereleaseNumber)
        {
            if (a._prereleaseNumber is null) return -1;
            if (b._prereleaseNumber is null) return 1;
            var c = VersionComponent.Number(a._prereleaseNumber).CompareTo(VersionComponent.Number(b._prereleaseNumber));
            if (c != 0) return c;
        }
        // Same position in the order: a standard version sorts before a git version naming it.
        if (IsGit != other.IsGit) return IsGit ? 1 : -1;
        return IsGit ? Math.Sign(string.CompareOrdinal(GitRef, other.GitRef)) : 0;
    }

    public bool Equals(SpackVersion? other) => other is not null && CompareTo(other) == 0;
    public override bool Equals(object? obj) => obj is SpackVersion v && Equals(v);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var c in OrderKey._release) hash.Add(c);
        hash.Add(OrderKey._prereleaseType);
        hash.Add(GitRef);
        return hash.ToHashCode();
    }

    public override string ToString() => Text;

    public static bool operator <(SpackVersion a, SpackVersion b) => a.CompareTo(b) < 0;
    public static bool operator >(SpackVersion a, SpackVersion b) => a.CompareTo(b) > 0;
    public static bool operator <=(SpackVersion a, SpackVersion b) => a.CompareTo(b) <= 0;
    public static bool operator >=(SpackVersion a, SpackVersion b) => a.CompareTo(b) >= 0;
}
