using System.CommandLine;

namespace Petal.Cli.Commands;

/// <summary>`petal garden`: job placement across clusters. Each part adds its subcommands from its own file.</summary>
public static partial class GardenCommands
{
    public static IEnumerable<Command> Create()
    {
        var garden = new Command("garden", "Place jobs on the clusters that can run them (rainbow-style): simulate, or run the service and its agents");
        AddServiceCommands(garden);
        return [garden];
    }

    /// <summary>serve, register, submit, receive, status, cancel, agent (GardenCommands.Service*.cs).</summary>
    static partial void AddServiceCommands(Command garden);
}
