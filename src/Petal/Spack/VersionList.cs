namespace Petal.Spack;

/// <summary>
/// A Spack version constraint: a sorted list of ranges and exact versions (<c>1.2:1.4,1.6</c>),
/// kept merged the way Spack merges them (overlapping or touching ranges become one).
/// </summary>
public sealed class VersionList
{
    private readonly List<VersionRange> _items;

    private VersionList(List<VersionRange> items) => _items = items;

    /// <summary>Any version (<c>:</c>): what a spec without <c>@</c> has.</summary>
    public static VersionList Any { get; } = new([VersionRange.Any]);

    public IReadOnlyList<VersionRange> Items => _items;

    public bool IsAny => _items.Count == 1 && _items[0].IsAny;

    /// <summary>
    /// Parses Spack's version-list syntax (what follows <c>@</c>): <c>1.2</c>, <c>=1.2</c>, <c>1.2:</c>,
    /// <c>:1.4</c>, <c>1.2:1.4</c>, comma lists of these, and git versions. Throws <see cref="FormatException"/>.
    /// </summary>
    public static VersionList Parse(string text)
    {
        var list = new VersionList(new List<VersionRange>(1));
        foreach (var part in text.Replace(" ", "", StringComparison.Ordinal).Split(','))
            list.Add(ParseItem(part));
        return list;
    }

    private static VersionRange ParseItem(string text)
    {
        var colon = text.IndexOf(':');
        if (colon >= 0)
        {
            if (text.IndexOf(':', colon + 1) >= 0) throw new FormatException($"too many ':' in version range '{text}'");
            var lo = colon == 0 ? null : StandardVersion(text[..colon]);
            var hi = colon == text.Length - 1 ? null : StandardVersion(text[(colon + 1)..]);
            return VersionRange.Between(lo, hi);
        }
        if (text.StartsWith('=')) return VersionRange.Exact(SpackVersion.Parse(text[1..]));
        var version = SpackVersion.Parse(text);
        return version.IsGit ? VersionRange.Exact(version) : VersionRange.Between(version, version);
    }

    /// <summary>Range bounds are never git versions (Spack parses them as plain versions).</summary>
    private static SpackVersion StandardVersion(string text)
    {
        var version = SpackVersion.Parse(text);
        return version.IsGit ? throw new FormatException($"Bad characters in version string: {text}") : version;
    }

    public bool Contains(SpackVersion version)
    {
        foreach (var item in _items)
            if (item.Contains(version)) return true;
        return false;
    }

    /// <summary>True when at least one version satisfies both lists.</summary>
    public bool Intersects(VersionList other)
    {
        foreach (var a in _items)
        foreach (var b in other._items)
            if (a.Intersects(b)) return true;
        return false;
    }

    /// <summary>The versions in both lists (possibly empty: <see cref="IsEmpty"/>).</summary>
    public VersionList Intersect(VersionList other)
    {
        var result = new VersionList(new List<VersionRange>(1));
        foreach (var a in _items)
        foreach (var b in other._items)
            if (a.Intersect(b) is { } both) result.Add(both);
        return result;
    }

    public bool IsEmpty => _items.Count == 0;

    /// <summary>Spack's VersionList.add: keep the list sorted and merge what overlaps.</summary>
    private void Add(VersionRange item)
    {
        var i = LowerBound(item);
        if (item.IsExact)
        {
            if ((i == 0 || !item.Intersects(_items[i - 1])) && (i == _items.Count || !item.Intersects(_items[i])))
                _items.Insert(i, item);
            return;
        }
        while (i > 0 && item.UnionIfNotDisjoint(_items[i - 1]) is { } left)
        {
            item = left;
            _items.RemoveAt(--i);
        }
        while (i < _items.Count && item.UnionIfNotDisjoint(_items[i]) is { } right)
        {
            item = right;
            _items.RemoveAt(i);
        }
        _items.Insert(i, item);
    }

    private int LowerBound(VersionRange item)
    {
        int lo = 0, hi = _items.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (VersionRange.Order(_items[mid], item) < 0) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    public override string ToString() => string.Join(",", _items);
}
