using Petal.Common;
using Petal.Slurm;

namespace Petal.Providers.Local;

/// <summary>Runs a program to completion and captures its output (the edge every twin command goes through).</summary>
public static class ProcessRunner
{
    public static Task<CommandResult> RunAsync(
        string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null,
        CancellationToken cancellation = default, string? input = null) =>
        new ProcessCommandRunner(program, environment ?? new Dictionary<string, string?>()).RunAsync([program, .. arguments], input, cancellation);

    /// <summary>
    /// Starts <paramref name="command"/> as a daemon in its own session (Ctrl-C on petal does not reach it,
    /// and it outlives petal), output appended to <paramref name="logFile"/>. Returns its pid: setsid execs
    /// in place because a background job of a non-interactive shell is not a process-group leader.
    /// </summary>
    public static async Task<int> StartDaemonAsync(IReadOnlyList<string> command, string logFile, CancellationToken cancellation)
    {
        var script = $"setsid \"$@\" >>{ShellQuote.Single(logFile)} 2>&1 </dev/null & echo $!";
        var r = await RunAsync("bash", ["-c", script, "petal-daemon", .. command], cancellation: cancellation);
        if (r.ExitCode != 0 || !int.TryParse(r.Stdout.Trim(), out var pid))
            throw new InvalidOperationException($"could not start {command[0]}: {r.Stderr.Trim()}");
        return pid;
    }
}
