using System.CommandLine;

namespace Petal.Cli.Commands;

public static class AmiCommands
{
    public static IEnumerable<Command> Create() => [];
}
