namespace Petal.Common;

/// <summary>A command's result where it ran: a local process, bash on a twin's head view, bash on a head node over SSH.</summary>
public sealed record CommandResult(int ExitCode, string Stdout, string Stderr)
{
    public string Combined => Stderr.Length == 0 ? Stdout : Stdout.Length == 0 ? Stderr : Stdout.TrimEnd('\n') + "\n" + Stderr;
}
