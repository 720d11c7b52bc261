using Petal.Slurm;
using Petal.Providers.Local;

namespace Petal.Tests.Local;

/// <summary>Runs a bash job script on a twin (sbatch --wait from the head node) and watches node states meanwhile.</summary>
public static class TwinJobs
{
    public sealed record JobRun(int ExitCode, string Output, string SubmitStderr, IReadOnlyList<NodeState> SeenStates);

    public static async Task<JobRun> RunAsync(LocalTwin twin, string script, string sbatchArgs, string? watchNode = null)
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        File.WriteAllText(Path.Combine(twin.HeadSharedOnHost, $"job-{id}.sh"), "#!/bin/bash\n" + script + "\n");
        var seen = new List<NodeState>();
        using var stop = new CancellationTokenSource();
        var watcher = watchNode is null ? Task.CompletedTask : Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var states = await twin.NodeStatesAsync();
                if (states.TryGetValue(watchNode, out var s) && (seen.Count == 0 || seen[^1] != s)) seen.Add(s);
                try { await Task.Delay(100, stop.Token); } catch (OperationCanceledException) { }
            }
        });
        var r = await twin.RunOnHeadAsync($"cd /shared && sbatch --wait {sbatchArgs} -o /shared/job-{id}.out /shared/job-{id}.sh");
        await stop.CancelAsync();
        await watcher;
        var outFile = Path.Combine(twin.HeadSharedOnHost, $"job-{id}.out");
        return new JobRun(r.ExitCode, File.Exists(outFile) ? File.ReadAllText(outFile) : "", r.Stderr, seen);
    }
}
