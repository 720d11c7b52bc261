using System.CommandLine;
using Petal.Common;
using Petal.Garden.Values;

namespace Petal.Cli.Commands;

public static partial class GardenCommands
{
    static partial void AddMatchCommands(Command garden)
    {
        garden.Subcommands.Add(Simulate());
        garden.Subcommands.Add(Describe());
    }
}
