using System.Diagnostics;
using Petal.Verify.Phases;
using Petal.Verify.Transport;

namespace Petal.Verify;

/// <summary>What `petal test` was asked to run.</summary>
public sealed record TestOptions
{
    public IReadOnlyList<int> Phases { get; init; } = [1, 2, 3];
    /// <summary>Test this queue only (null: every queue).</summary>
    public string? Queue { get; init; }
    /// <summary>How long one job may take, power-up of a dynamic node included.</summary>
    public TimeSpan JobTimeout { get; init; } = TimeSpan.FromMinutes(10);
}

/// <summary>Runs the phases against a cluster through a shell and decides the outcome (docs/verify.md).</summary>
public static class WorkloadTester
{
    public static async Task<TestRun> RunAsync(IClusterShell shell, VerifyTarget target, TestOptions options, IProgress<string>? progress,
        CancellationToken cancellation)
    {
        var queues = options.Queue is null ? target.Queues : target.Queues.Where(q => q.Name == options.Queue).ToList();
        if (queues.Count == 0)
            throw new Common.UserInputException($"cluster {target.Name} has no queue '{options.Queue}' (queues: {string.Join(", ", target.Queues.Select(q => q.Name))})");
        var started = DateTimeOffset.UtcNow;
        var watch = Stopwatch.StartNew();
        var runId = $"{started:yyyyMMddHHmmss}-{Environment.ProcessId}";
        var home = await HeadFiles.HomeAsync(shell, cancellation) ?? "/tmp";
        var ctx = new PhaseContext(shell, target, $"{home}/.petal/test/{runId}", options.JobTimeout, progress) { Queues = queues };

        var phases = new List<PhaseResult>();
        try
        {
            foreach (var phase in options.Phases.Distinct().Order())
            {
                progress?.Report($"phase {phase}: {PhaseResult.TitleOf(phase)}");
                var phaseWatch = Stopwatch.StartNew();
                var checks = phase switch
                {
                    1 => await Phase1.RunAsync(ctx, cancellation),
                    2 => await Phase2.RunAsync(ctx, cancellation),
                    3 => await Phase3.RunAsync(ctx, runId, cancellation),
                    _ => throw new ArgumentOutOfRangeException(nameof(options), $"no phase {phase}"),
                };
                phases.Add(new PhaseResult(phase, PhaseResult.TitleOf(phase), checks, phaseWatch.Elapsed));
            }
        }
        finally
        {
            await shell.RunAsync($"rm -rf {PhaseContext.Q(ctx.WorkDir)}", TimeSpan.FromSeconds(30), CancellationToken.None);
        }

        var all = phases.SelectMany(p => p.Checks).ToList();
        return new TestRun
        {
            Cluster = target.Name, Provider = target.Provider, Layout = target.Layout, SeedFile = target.SeedFile,
            Outcome = OutcomeDecider.Decide(all),
            Recommendations = OutcomeDecider.Recommend(new DecisionContext(target.Layout, target.SeedFile, target.SoftwareRoot, target.Provider), all),
            Phases = phases, StartedAt = started, Duration = watch.Elapsed,
            Cost = RunCostEstimator.Estimate(target, ctx.Usage, watch.Elapsed),
        };
    }
}
