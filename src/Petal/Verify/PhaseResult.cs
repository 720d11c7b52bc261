namespace Petal.Verify;

/// <summary>The checks of one phase (1 software, 2 MPI, 3 data) and how long the phase took.</summary>
public sealed record PhaseResult(int Phase, string Title, IReadOnlyList<CheckResult> Checks, TimeSpan Duration)
{
    public static string TitleOf(int phase) => phase switch
    {
        1 => "Basic functionality: software on the head and compute nodes, Slurm, users",
        2 => "MPI across nodes",
        3 => "Data: S3 mounts, /shared and /home",
        _ => throw new ArgumentOutOfRangeException(nameof(phase)),
    };

    public int Passed => Checks.Count(c => c.Verdict == Verdict.Pass);
    public int Failed => Checks.Count(c => c.Verdict == Verdict.Fail);
    public int Skipped => Checks.Count(c => c.Verdict == Verdict.Skipped);
}
