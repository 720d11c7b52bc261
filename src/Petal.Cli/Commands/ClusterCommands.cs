using System.CommandLine;

namespace Petal.Cli.Commands;

public static class ClusterCommands
{
    public static IEnumerable<Command> Create() => [];
}
