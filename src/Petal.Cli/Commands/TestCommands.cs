using System.CommandLine;

namespace Petal.Cli.Commands;

public static class TestCommands
{
    public static IEnumerable<Command> Create() => [];
}
