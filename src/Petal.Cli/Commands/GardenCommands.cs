using System.CommandLine;

namespace Petal.Cli.Commands;

/// <summary>`petal garden`: job placement across clusters. Each part adds its subcommands from its own file.</summary>
public static partial class GardenCommands
{
    public static IEnumerable<Command> Create()
    {
        var garden = new Command("garden", "Place jobs on the clusters that can run them (rainbow-style): simulate, or run the service and its agents");
        AddMatchCommands(garden);
        AddServiceCommands(garden);
        return [garden];
    }

    /// <summary>simulate, describe (GardenCommands.Simulate.cs, GardenCommands.Describe.cs).</summary>
    static partial void AddMatchCommands(Command garden);

    /// <summary>serve, register, submit, receive, status, cancel, agent (GardenCommands.Service*.cs).</summary>
    static partial void AddServiceCommands(Command garden);
}
