using System.CommandLine;

namespace Petal.Cli.Commands;

public static class PlanCommands
{
    public static IEnumerable<Command> Create() => [];
}
