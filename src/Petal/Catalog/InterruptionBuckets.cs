namespace Petal.Catalog;

/// <summary>The Spot Instance Advisor's interruption-frequency buckets (trailing month).</summary>
public static class InterruptionBuckets
{
    private static readonly string[] Labels = ["<5%", "5-10%", "10-15%", "15-20%", ">20%"];

    /// <summary>"&lt;5%" for bucket 0 ... "&gt;20%" for bucket 4; null when unknown.</summary>
    public static string? Label(int? bucket) =>
        bucket is >= 0 and < 5 ? Labels[bucket.Value] : null;
}
