using System.CommandLine;
using Petal.Common;
using Petal.Providers;

namespace Petal.Cli;

/// <summary>A command group: the top-level names it adds and how to build its commands.</summary>
internal readonly record struct CommandGroup(string[] Names, Func<IEnumerable<Command>> Create)
{
    public static implicit operator CommandGroup((string[] Names, Func<IEnumerable<Command>> Create) group) => new(group.Names, group.Create);
}

/// <summary>
/// Builds a root command from command groups and runs it: parse errors, exit codes and error output. Holds no list of
/// groups itself, so the native executable (<see cref="NativeCommands"/>) compiles only the groups it names.
/// </summary>
internal static class CliRunner
{
    /// <summary>The root over <paramref name="groups"/>' commands, with the options every command takes.</summary>
    public static RootCommand Root(IEnumerable<CommandGroup> groups)
    {
        var root = new RootCommand("petal grows HPC clusters from seeds: validate a seed, plan ParallelCluster 3 configs, "
            + "grow clusters (local Slurm twin or AWS), test them, place jobs across clusters and cost spot capacity.");
        root.Options.Add(CliOutput.OutputOption);
        foreach (var group in groups)
        foreach (var command in group.Create())
            root.Subcommands.Add(command);
        return root;
    }

    /// <summary>The tree of the one group of <paramref name="groups"/> whose names include the first token, else null.</summary>
    public static RootCommand? GroupFor(IEnumerable<CommandGroup> groups, string[] args)
    {
        var name = args.FirstOrDefault();
        var group = groups.FirstOrDefault(g => g.Names.Contains(name));
        if (group.Create is null) return null;
        var root = Root([group]);
        return root.Subcommands.Any(c => c.Name == name) ? root : null;
    }

    public static async Task<int> RunAsync(RootCommand root, string[] args, CancellationToken cancellation = default)
    {
        // No POSIX bundling: petal has few one-letter options, and bundling read `spec -hdf5` as -h (help).
        var parsed = root.Parse(args, new ParserConfiguration { EnablePosixBundling = false });
        var json = WantsJson(args);
        if (parsed.Errors.Count > 0)
        {
            var lines = parsed.Errors.Select(e => e.Message).ToList();
            foreach (var dashed in parsed.UnmatchedTokens.Where(t => t.StartsWith('-') && t != "--").Take(1))
                lines.Add($"'{dashed}' was read as an option; if it is part of a value (e.g. a Spack spec's disabled variant), "
                    + $"quote the whole value as one argument, after '--' when it starts with '-': petal {string.Join(' ', Path(parsed.CommandResult))} -- '...{dashed}'");
            lines.Add("Run 'petal --help' for usage.");
            return ErrorOutput.Write(PetalException.Invalid(string.Join("\n", lines)), json);
        }
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }, cancellation);
        }
        catch (Exception e) when (ExternalErrors.Translate(e) is { } error)
        {
            return ErrorOutput.Write(error, json);
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("PETAL_DEBUG") is not "1")
        {
            var code = ErrorOutput.Write(PetalException.Failed(e.Message, []), json);
            if (!json) Console.Error.WriteLine("(set PETAL_DEBUG=1 for details)");
            return code;
        }
    }

    /// <summary>--output json anywhere on the line (read from the tokens, so it holds when parsing failed elsewhere).</summary>
    internal static bool WantsJson(string[] args)
    {
        for (var i = 0; i < args.Length && args[i] != "--"; i++)
            if (args[i] == "--output=json" || args[i] == "--output" && i + 1 < args.Length && args[i + 1] == "json") return true;
        return false;
    }

    /// <summary>The command's names from the top (e.g. "garden simulate").</summary>
    private static IEnumerable<string> Path(System.CommandLine.Parsing.CommandResult? command) =>
        command is null || command.Command is RootCommand ? [] : [.. Path(command.Parent as System.CommandLine.Parsing.CommandResult), command.Command.Name];
}
