namespace Petal.Spack;

/// <summary>Spack's dependency types as bit flags (spack.deptypes), in its canonical order.</summary>
internal static class DependencyTypes
{
    private static readonly string[] All = ["build", "link", "run", "test"];
    private const int Link = 2, Run = 4;

    public static int Flag(string name) => Array.IndexOf(All, name) is var i and >= 0 ? 1 << i : 0;

    public static IReadOnlyList<string> Names(int flags)
    {
        if (flags == 0) return [];
        var names = new List<string>(4);
        for (var i = 0; i < All.Length; i++)
            if ((flags & (1 << i)) != 0) names.Add(All[i]);
        return names;
    }

    /// <summary>Spack's deptypes.compatible: two edges to one package may not overlap or both be link/run.</summary>
    public static bool Compatible(int a, int b) => (a & b) == 0 && !((a & (Link | Run)) != 0 && (b & (Link | Run)) != 0);
}
