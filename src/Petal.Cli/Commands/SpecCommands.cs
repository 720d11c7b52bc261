using System.CommandLine;

namespace Petal.Cli.Commands;

public static class SpecCommands
{
    public static IEnumerable<Command> Create() => [];
}
