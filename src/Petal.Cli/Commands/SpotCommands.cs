using System.CommandLine;

namespace Petal.Cli.Commands;

/// <summary>`petal spot select | estimate | run | reclaim | report` (see docs/spot.md).</summary>
public static partial class SpotCommands
{
    public static IEnumerable<Command> Create()
    {
        var spot = new Command("spot", "Choose spot instance types by price and shape, estimate, run experiment batches, report the cost");
        spot.Subcommands.Add(Select());
        spot.Subcommands.Add(Estimate());
        spot.Subcommands.Add(Run());
        spot.Subcommands.Add(Reclaim());
        spot.Subcommands.Add(Report());
        return [spot];
    }
}
