using System.CommandLine;
using Petal.Cli.Commands;

namespace Petal.Cli;

/// <summary>
/// The commands the installed tool runs natively: its entry point on Linux is a Native AOT executable
/// (src/Petal.Native: these sources compiled natively, Program.cs; docs/install.md) that builds these groups, so that validate and plan start in a few
/// milliseconds instead of the .NET runtime's ~80 ms. Every other command line (other commands, help and version
/// of the whole tree, --output json, whose anonymous objects need reflection-based JSON) is handed on to the managed
/// Petal.Cli in the same package, which also defines these groups (<see cref="PetalCli.Groups"/> includes them).
/// Not `version`: it reads its own assembly's version, which is Petal.Cli's only in the managed build.
/// </summary>
public static class NativeCommands
{
    internal static readonly CommandGroup[] Groups =
    [
        (["validate", "schema"], SeedCommands.Create), (["plan"], PlanCommands.Create),
    ];

    /// <summary>The command tree for <paramref name="args"/> when they run natively, else null (hand them on).</summary>
    public static RootCommand? BuildFor(string[] args) =>
        args.TakeWhile(a => a != "--").Any(a => a.StartsWith("--output", StringComparison.Ordinal)) ? null : CliRunner.GroupFor(Groups, args);

    /// <summary>Runs a tree from <see cref="BuildFor"/> as the managed petal would.</summary>
    public static Task<int> RunAsync(RootCommand root, string[] args) => CliRunner.RunAsync(root, args);
}
