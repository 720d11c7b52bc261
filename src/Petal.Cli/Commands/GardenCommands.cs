using System.CommandLine;

namespace Petal.Cli.Commands;

public static class GardenCommands
{
    public static IEnumerable<Command> Create() => [];
}
