namespace Petal.Common;

/// <summary>A command's result where it ran: a local process, bash on a twin's head view, bash on a head node over SSH.</summary>
public sealed record CommandResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>A command stopped when <paramref name="timeout"/> passed: exit 124, as timeout(1) reports it, with what it printed so far.</summary>
    public static CommandResult TimedOut(TimeSpan timeout, string stdout = "") => new(124, stdout, $"timed out after {timeout.TotalSeconds:0} s");

    public string Combined => Stderr.Length == 0 ? Stdout : Stdout.Length == 0 ? Stderr : Stdout.TrimEnd('\n') + "\n" + Stderr;
}
