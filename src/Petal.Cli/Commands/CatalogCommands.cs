using System.CommandLine;

namespace Petal.Cli.Commands;

public static class CatalogCommands
{
    public static IEnumerable<Command> Create() => [];
}
