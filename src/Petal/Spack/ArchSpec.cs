namespace Petal.Spack;

/// <summary>
/// The architecture triple set by <c>arch=platform-os-target</c>, <c>platform=</c>, <c>os=</c> and
/// <c>target=</c>. Spack prints missing parts as <c>None</c>: <c>arch=None-amzn2-zen3</c>.
/// </summary>
public sealed record ArchSpec(string? Platform, string? Os, string? Target)
{
    /// <summary>All three parts set and the target a single name (not a range or list).</summary>
    public bool IsConcrete => Platform is not null && Os is not null && Target is not null
                              && !Target.Contains(':') && !Target.Contains(',');

    public bool IsEmpty => Platform is null && Os is null && Target is null;

    public override string ToString() => $"{Platform ?? "None"}-{Os ?? "None"}-{Target ?? "None"}";
}
