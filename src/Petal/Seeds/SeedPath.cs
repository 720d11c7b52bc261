namespace Petal.Seeds;

/// <summary>Helpers for seed paths such as <c>compute.queues[1].max_count</c>.</summary>
public static class SeedPath
{
    public static string Child(string parent, string key) => parent.Length == 0 ? key : $"{parent}.{key}";

    public static string Index(string parent, int index) => $"{parent}[{index}]";

    /// <summary>The enclosing path: <c>a.b[1].c</c> → <c>a.b[1]</c> → <c>a.b</c> → <c>a</c> → "".</summary>
    public static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? "" : path[..cut];
    }
}
