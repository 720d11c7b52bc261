namespace Petal.Providers.Local;

/// <summary>ParallelCluster's Slurm node names: <c>&lt;queue&gt;-st-&lt;cr&gt;-&lt;n&gt;</c> (static) and <c>&lt;queue&gt;-dy-&lt;cr&gt;-&lt;n&gt;</c> (dynamic), n from 1.</summary>
public static class NodeNaming
{
    public static string Static(string queue, string computeResource, int index) => $"{queue}-st-{computeResource}-{index}";

    public static string Dynamic(string queue, string computeResource, int index) => $"{Fleet(queue, computeResource)}-{index}";

    /// <summary>
    /// The dynamic nodes of one compute resource share this prefix; the twin launches them like one EC2 fleet.
    /// The resume side derives it from a node name by dropping the last "-n" (bash <c>${node%-*}</c>).
    /// </summary>
    public static string Fleet(string queue, string computeResource) => $"{queue}-dy-{computeResource}";

    /// <summary>The node names of one compute resource: min_count static ones, then dynamic ones up to max_count.</summary>
    public static IEnumerable<(string Name, bool IsStatic)> For(string queue, string computeResource, int minCount, int maxCount)
    {
        for (var i = 1; i <= minCount; i++) yield return (Static(queue, computeResource, i), true);
        for (var i = 1; i <= maxCount - minCount; i++) yield return (Dynamic(queue, computeResource, i), false);
    }
}
