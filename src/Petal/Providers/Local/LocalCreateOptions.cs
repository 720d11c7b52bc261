namespace Petal.Providers.Local;

/// <summary>Knobs of a local twin that are not in the seed.</summary>
public sealed record LocalCreateOptions
{
    /// <summary>Idle seconds before a dynamic node powers down (ParallelCluster's scaledown_idletime, in seconds).</summary>
    public int SuspendTimeSeconds { get; init; } = 30;

    /// <summary>How long create waits for the static nodes to become idle.</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Test-only: compute nodes do not see the software (it exists in the head node's view only), the
    /// failure `petal test` must report as Outcome B. Not a CLI flag; PETAL_TEST_BROKEN_SOFTWARE_VIEW=1 sets it.
    /// </summary>
    public bool BrokenSoftwareView { get; init; } =
        Environment.GetEnvironmentVariable("PETAL_TEST_BROKEN_SOFTWARE_VIEW") == "1";
}
