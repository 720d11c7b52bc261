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

    /// <summary>Garden input errors are user mistakes: one line (or one per problem), exit 2.</summary>
    internal static T UserInput<T>(Func<T> action)
    {
        try { return action(); }
        catch (GardenInputException e) { throw new UserInputException(e.Message); }
    }
}
