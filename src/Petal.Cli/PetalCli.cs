using System.CommandLine;
using Petal.Cli.Commands;

namespace Petal.Cli;

/// <summary>The `petal` command tree. Each command group lives in Commands/; no domain logic here.</summary>
public static class PetalCli
{
    /// <summary>
    /// The command groups and the top-level names each one adds. Start-up dominates short commands, and building
    /// every group loads what only some need (garden: gRPC and Protobuf; cluster and ami: AWS SDK options), so
    /// <see cref="BuildFor"/> builds only the invoked group. Groups with no names listed are built only for the full tree.
    /// The groups of <see cref="NativeCommands.Groups"/> come first (help lists them in this order).
    /// </summary>
    internal static readonly CommandGroup[] Groups =
    [
        .. NativeCommands.Groups, (["spec"], SpecCommands.Create), (["catalog"], CatalogCommands.Create),
        (["create", "status", "list", "ssh", "delete"], ClusterCommands.Create), (["update"], UpdateCommand.Create),
        (["ami"], AmiCommands.Create), (["test"], TestCommands.Create), (["garden"], GardenCommands.Create), (["spot"], SpotCommands.Create),
        (["capture"], CaptureCommands.Create), (["version", "completion"], VersionCommands.Create), (["config"], ConfigCommands.Create),
    ];

    /// <summary>Every command: for help, unknown commands and tests.</summary>
    public static RootCommand BuildRoot() => CliRunner.Root(Groups);

    /// <summary>
    /// The tree for <paramref name="args"/>: only the invoked command's group when its first token names one,
    /// else (help, version, options first, unknown or unlisted names) every group, so parsing and help never change.
    /// </summary>
    public static RootCommand BuildFor(string[] args) => CliRunner.GroupFor(Groups, args) ?? BuildRoot();

    public static Task<int> RunAsync(string[] args, CancellationToken cancellation = default) =>
        CliRunner.RunAsync(BuildFor(args), args, cancellation);
}
