using CliWrap;
using CliWrap.Buffered;
using Petal.Common;

namespace Petal.Providers.Local;

public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr);

/// <summary>Runs a program to completion and captures its output (the edge every twin command goes through).</summary>
public static class ProcessRunner
{
    public static async Task<ProcessResult> RunAsync(
        string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null,
        CancellationToken cancellation = default, string? input = null)
    {
        var result = await Cli.Wrap(program)
            .WithArguments(arguments)
            .WithEnvironmentVariables(environment ?? new Dictionary<string, string?>())
            .WithStandardInputPipe(input is null ? PipeSource.Null : PipeSource.FromString(input))
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(cancellation);
        return new ProcessResult(result.ExitCode, result.StandardOutput, result.StandardError);
    }

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
