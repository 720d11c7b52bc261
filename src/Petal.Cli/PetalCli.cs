using System.CommandLine;
using Petal.Cli.Commands;
using Petal.Common;

namespace Petal.Cli;

/// <summary>The `petal` command tree. Each command group lives in Commands/; no domain logic here.</summary>
public static class PetalCli
{
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("petal grows HPC clusters from seeds: validate a seed, plan ParallelCluster 3 configs, "
            + "grow clusters (local Slurm twin or AWS), test them, place jobs across clusters and cost spot capacity.");
        root.Options.Add(CliOutput.OutputOption);
        foreach (var group in new IEnumerable<Command>[]
                 {
                     SeedCommands.Create(), SpecCommands.Create(), CatalogCommands.Create(), PlanCommands.Create(),
                     ClusterCommands.Create(), AmiCommands.Create(), TestCommands.Create(), GardenCommands.Create(),
                     SpotCommands.Create(),
                 })
        foreach (var command in group)
            root.Subcommands.Add(command);
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellation = default)
    {
        var root = BuildRoot();
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
