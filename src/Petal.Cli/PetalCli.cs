using System.CommandLine;
using Petal.Cli.Commands;
using Petal.Common;

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
        (["capture"], CaptureCommands.Create), (["config"], ConfigCommands.Create),
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
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
                Console.Error.WriteLine($"petal: {error.Message}");
            Console.Error.WriteLine("Run 'petal --help' for usage.");
            return ExitCodes.InvalidInput;
        }
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }, cancellation);
        }
        catch (UserInputException e)
        {
            Console.Error.WriteLine($"petal: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("petal: cancelled");
            return ExitCodes.Failure;
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("PETAL_DEBUG") is not "1")
        {
            Console.Error.WriteLine($"petal: {e.Message}");
            Console.Error.WriteLine("(set PETAL_DEBUG=1 for details)");
            return ExitCodes.Failure;
        }
    }
}
