using System.CommandLine;
using Petal.Cli.Commands;
using Petal.Common;
using Petal.Providers;

namespace Petal.Cli;

/// <summary>The `petal` command tree. Each command group lives in Commands/; no domain logic here.</summary>
public static class PetalCli
{
    /// <summary>
    /// The command groups and the top-level names each one adds. Start-up dominates short commands, and building
    /// every group loads what only some need (garden: gRPC and Protobuf; cluster and ami: AWS SDK options), so
    /// <see cref="BuildFor"/> builds only the invoked group. Groups with no names listed are built only for the full tree.
    /// </summary>
    internal static readonly (string[] Names, Func<IEnumerable<Command>> Create)[] Groups =
    [
        (["validate", "schema"], SeedCommands.Create), (["spec"], SpecCommands.Create), (["catalog"], CatalogCommands.Create),
        (["plan"], PlanCommands.Create), (["create", "status", "list", "ssh", "delete"], ClusterCommands.Create), (["update"], UpdateCommand.Create),
        (["ami"], AmiCommands.Create), (["test"], TestCommands.Create), (["garden"], GardenCommands.Create), (["spot"], SpotCommands.Create),
        (["capture"], CaptureCommands.Create), (["version", "completion"], VersionCommands.Create), (["config"], ConfigCommands.Create),
    ];

    /// <summary>Every command: for help, unknown commands and tests.</summary>
    public static RootCommand BuildRoot() => Root(Groups.Select(g => g.Create));

    /// <summary>
    /// The tree for <paramref name="args"/>: only the invoked command's group when its first token names one,
    /// else (help, version, options first, unknown or unlisted names) every group, so parsing and help never change.
    /// </summary>
    public static RootCommand BuildFor(string[] args)
    {
        var name = args.FirstOrDefault();
        var group = Groups.FirstOrDefault(g => g.Names.Contains(name));
        if (group.Create is null) return BuildRoot();
        var root = Root([group.Create]);
        return root.Subcommands.Any(c => c.Name == name) ? root : BuildRoot();
    }

    private static RootCommand Root(IEnumerable<Func<IEnumerable<Command>>> groups)
    {
        var root = new RootCommand("petal grows HPC clusters from seeds: validate a seed, plan ParallelCluster 3 configs, "
            + "grow clusters (local Slurm twin or AWS), test them, place jobs across clusters and cost spot capacity.");
        root.Options.Add(CliOutput.OutputOption);
        foreach (var create in groups)
        foreach (var command in create())
            root.Subcommands.Add(command);
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellation = default)
    {
        var root = BuildFor(args);
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
    private static bool WantsJson(string[] args)
    {
        for (var i = 0; i < args.Length && args[i] != "--"; i++)
            if (args[i] == "--output=json" || args[i] == "--output" && i + 1 < args.Length && args[i + 1] == "json") return true;
        return false;
    }

    /// <summary>The command's names from the top (e.g. "garden simulate").</summary>
    private static IEnumerable<string> Path(System.CommandLine.Parsing.CommandResult? command) =>
        command is null || command.Command is RootCommand ? [] : [.. Path(command.Parent as System.CommandLine.Parsing.CommandResult), command.Command.Name];
}
