namespace Petal.Spack;

/// <summary>
/// One element of a <see cref="VersionList"/>: a range <c>lo:hi</c> (either end open) with Spack's
/// prefix semantics — the upper bound includes every version it is a prefix of, so <c>:1.4</c>
/// contains 1.4.5 and a bare <c>1.4</c> means <c>1.4:1.4</c> (1.4, 1.4.0, 1.4.5, ...) — or an exact
/// version (<c>=1.4</c>, or a git version) that contains only itself.
/// </summary>
public sealed class VersionRange
{
    private readonly SpackVersion? _hiExclusive;

    private VersionRange(SpackVersion? lo, SpackVersion? hi, bool exact)
    {
        Lo = lo;
        Hi = hi;
        IsExact = exact;
        _hiExclusive = exact ? null : hi?.Next();
    }

    /// <summary>Lower bound (inclusive); null when open.</summary>
    public SpackVersion? Lo { get; }

    /// <summary>Upper bound as written (inclusive, prefix semantics); null when open.</summary>
    public SpackVersion? Hi { get; }

    /// <summary>True for <c>=1.2.3</c> and git versions: only that version matches.</summary>
    public bool IsExact { get; }

    public bool IsAny => !IsExact && Lo is null && Hi is null;

    public static VersionRange Any { get; } = new(null, null, false);

    public static VersionRange Exact(SpackVersion version) => new(version, version, true);

    /// <summary>A range; throws <see cref="EmptyVersionRangeException"/> when no version can satisfy it.</summary>
    public static VersionRange Between(SpackVersion? lo, SpackVersion? hi)
    {
        var range = new VersionRange(lo, hi, false);
        if (lo is not null && range._hiExclusive is not null && range._hiExclusive < lo)
            throw new EmptyVersionRangeException($"{lo}:{hi} is an empty range");
        return range;
    }

    public bool Contains(SpackVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (IsExact) return version.Equals(Lo);
        return (Lo is null || version >= Lo) && (_hiExclusive is null || version < _hiExclusive);
    }

    public bool Intersects(VersionRange other)
    {
        if (IsExact) return other.Contains(Lo!);
        if (other.IsExact) return Contains(other.Lo!);
        return LoBelowHiOf(this, other) && LoBelowHiOf(other, this);
    }

    /// <summary>The common part of two ranges, or null when they are disjoint.</summary>
    internal VersionRange? Intersect(VersionRange other)
    {
        if (IsExact) return other.Contains(Lo!) ? this : null;
        if (other.IsExact) return Contains(other.Lo!) ? other : null;
        if (!Intersects(other)) return null;
        var lo = CompareLo(Lo, other.Lo) >= 0 ? Lo : other.Lo;
        var hi = CompareHi(this, other) <= 0 ? Hi : other.Hi;
        return new VersionRange(lo, hi, false);
    }

    /// <summary>Spack's _union_if_not_disjoint: ranges that overlap or touch merge into one.</summary>
    internal VersionRange? UnionIfNotDisjoint(VersionRange other)
    {
        if (IsExact && other.IsExact) return Lo!.Equals(other.Lo) ? this : null;
        if (IsExact) return other.Contains(Lo!) ? other : null;
        if (other.IsExact) return Contains(other.Lo!) ? this : null;
        var touches = (Lo is null || other._hiExclusive is null || Lo <= other._hiExclusive)
                      && (other.Lo is null || _hiExclusive is null || other.Lo <= _hiExclusive);
        if (!touches) return null;
        var lo = CompareLo(Lo, other.Lo) <= 0 ? Lo : other.Lo;
        var hi = CompareHi(this, other) >= 0 ? Hi : other.Hi;
        return new VersionRange(lo, hi, false);
    }

    /// <summary>Order inside a version list: by lower bound, an exact version before a range starting at it.</summary>
    internal static int Order(VersionRange a, VersionRange b)
    {
        var c = CompareLo(a.Lo, b.Lo);
        if (c != 0) return c;
        if (a.IsExact != b.IsExact) return a.IsExact ? -1 : 1;
        return a.IsExact ? 0 : CompareHi(a, b);
    }

    private static bool LoBelowHiOf(VersionRange lower, VersionRange upper) =>
        lower.Lo is null || upper._hiExclusive is null || lower.Lo < upper._hiExclusive;

    private static int CompareLo(SpackVersion? a, SpackVersion? b) =>
        a is null ? (b is null ? 0 : -1) : b is null ? 1 : a.CompareTo(b);

    private static int CompareHi(VersionRange a, VersionRange b) =>
        a._hiExclusive is null ? (b._hiExclusive is null ? 0 : 1) : b._hiExclusive is null ? -1 : a._hiExclusive.CompareTo(b._hiExclusive);

    /// <summary>Spack's form: <c>=1.2</c> for exact, <c>1.2</c> for <c>1.2:1.2</c>, else <c>lo:hi</c>.</summary>
    public override string ToString()
    {
        if (IsExact) return Lo!.IsGit ? Lo.Text : "=" + Lo.Text;
        if (Lo is not null && Hi is not null && Lo.Equals(Hi)) return Lo.Text;
        return $"{Lo?.Text}:{Hi?.Text}";
    }
}

/// <summary>A version range no version can satisfy (<c>1.4:1.2</c>).</summary>
public sealed class EmptyVersionRangeException(string message) : FormatException(message);
