namespace Petal.Catalog;

/// <summary>The Spot Instance Advisor's interruption-frequency buckets (trailing month).</summary>
public static class InterruptionBuckets
{
    private static readonly string[] LabelList = ["<5%", "5-10%", "10-15%", "15-20%", ">20%"];

    public static IReadOnlyList<string> Labels => LabelList;

    /// <summary>"&lt;5%" for bucket 0 ... "&gt;20%" for bucket 4; null when unknown.</summary>
    public static string? Label(int? bucket) =>
        bucket is >= 0 and < 5 ? LabelList[bucket.Value] : null;

    /// <summary>The bucket of a label ("5-10%" → 1), or null when it is none of <see cref="Labels"/>.</summary>
    public static int? Parse(string label) =>
        Array.IndexOf(LabelList, label.Trim()) is var i and >= 0 ? i : null;
}
