namespace Petal.Garden.Matching.Index;

/// <summary>A set of shape ids as a bitset: candidate sets are intersected word by word.</summary>
internal sealed class ShapeSet
{
    private ulong[] _words = new ulong[1];

    public void Add(int id)
    {
        var w = id >> 6;
        if (w >= _words.Length) Array.Resize(ref _words, Math.Max(w + 1, _words.Length * 2));
        _words[w] |= 1UL << (id & 63);
    }

    /// <summary>Keeps in <paramref name="target"/> only the ids also in this set.</summary>
    public void IntersectInto(ulong[] target)
    {
        for (var i = 0; i < target.Length; i++)
            target[i] &= i < _words.Length ? _words[i] : 0;
    }

    /// <summary>Adds this set's ids to <paramref name="target"/>.</summary>
    public void UnionInto(ulong[] target)
    {
        for (var i = 0; i < target.Length && i < _words.Length; i++) target[i] |= _words[i];
    }
}
