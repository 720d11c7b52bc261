using System.Text;
using CliWrap;
using CliWrap.Buffered;
using Petal.Common;
using CommandResult = Petal.Common.CommandResult;

namespace Petal.Slurm;

/// <summary>Where Slurm's client commands run: a local process with a cluster's environment, or a head node's shell.</summary>
public interface ICommandRunner
{
    /// <summary>Where the commands land ("local twin NAME", "ssh ec2-user@HOST:22").</summary>
    string Description { get; }

    /// <summary>Runs <paramref name="command"/> (program and arguments, never parsed by a shell unquoted) with <paramref name="input"/> on stdin.</summary>
    Task<CommandResult> RunAsync(IReadOnlyList<string> command, string? input, CancellationToken cancellation);
}

/// <summary>A local process with <paramref name="environment"/> (a twin's SLURM_CONF) in <paramref name="workingDirectory"/>.</summary>
public sealed class ProcessCommandRunner(string description, IReadOnlyDictionary<string, string?> environment, string? workingDirectory = null) : ICommandRunner
{
    public string Description => description;

    public async Task<CommandResult> RunAsync(IReadOnlyList<string> command, string? input, CancellationToken cancellation)
    {
        var cli = Cli.Wrap(command[0]).WithArguments(command.Skip(1)).WithEnvironmentVariables(environment)
            .WithValidation(CommandResultValidation.None);
        if (workingDirectory is not null) cli = cli.WithWorkingDirectory(workingDirectory);
        if (input is not null) cli = cli.WithStandardInputPipe(PipeSource.FromString(input, Encoding.UTF8));
        var r = await cli.ExecuteBufferedAsync(cancellation);
        return new CommandResult(r.ExitCode, r.StandardOutput, r.StandardError);
    }
}

/// <summary>
/// Commands as one bash line on a head node (<paramref name="runBash"/>: SSH, or a twin's head view): every word
/// single-quoted, the input piped from a quoted printf, so nothing a job or cluster name holds becomes shell syntax.
/// </summary>
public sealed class BashCommandRunner(string description, Func<string, CancellationToken, Task<CommandResult>> runBash) : ICommandRunner
{
    public string Description => description;

    public Task<CommandResult> RunAsync(IReadOnlyList<string> command, string? input, CancellationToken cancellation) =>
        runBash(Line(command, input), cancellation);

    public static string Line(IReadOnlyList<string> command, string? input)
    {
        var line = string.Join(' ', command.Select(ShellQuote.Single));
        return input is null ? line : $"printf %s {ShellQuote.Single(input)} | {line}";
    }
}
