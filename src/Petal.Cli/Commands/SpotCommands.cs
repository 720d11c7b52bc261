using System.CommandLine;

namespace Petal.Cli.Commands;

public static class SpotCommands
{
    public static IEnumerable<Command> Create() => [];
}
