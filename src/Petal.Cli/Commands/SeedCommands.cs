using System.CommandLine;

namespace Petal.Cli.Commands;

public static class SeedCommands
{
    public static IEnumerable<Command> Create() => [];
}
