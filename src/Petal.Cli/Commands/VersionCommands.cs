using System.CommandLine;
using System.Reflection;
using Petal.Catalog;
using Petal.Common;
using Petal.Pcluster;
using Petal.Seeds;
using Spectre.Console;

namespace Petal.Cli.Commands;

/// <summary>`petal version` (what `petal --version` prints, plus what petal targets) and `petal completion SHELL`.</summary>
public static class VersionCommands
{
    public static IEnumerable<Command> Create() => [Version(), Completion()];

    /// <summary>petal's own version: the informational version without the source revision suffix.</summary>
    public static string PetalVersion =>
        (typeof(VersionCommands).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0")
        .Split('+')[0];

    private static Command Version()
    {
        var command = new Command("version", "petal's version, the ParallelCluster and Spack versions it targets, and the catalog's price date");
        command.SetAction(parse =>
        {
            var catalog = EmbeddedCatalog.Default;
            var pricesAsOf = catalog.PricedRegions
                .SelectMany(r => catalog.Query(new CatalogFilter { Region = r }).Select(o => o.Price?.AsOf))
                .OfType<string>().DefaultIfEmpty("unknown").Max(StringComparer.Ordinal)!;
            var view = new
            {
                Petal = PetalVersion, ParallelCluster = PclusterFacts.PinnedVersion, Spack = SeedDefaults.SpackVersion,
                CatalogPricesAsOf = pricesAsOf,
            };
            if (CliOutput.IsJson(parse)) CliOutput.WriteJson(view);
            else CliOutput.Console.WriteLine(
                $"petal {view.Petal} (ParallelCluster {view.ParallelCluster}, Spack {view.Spack}, catalog prices as of {view.CatalogPricesAsOf})");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Completion()
    {
        var shell = new Argument<string>("SHELL") { Description = "bash, zsh or fish" };
        shell.AcceptOnlyFromAmong([.. CompletionScripts.Shells]);
        var command = new Command("completion", "Print a shell completion script: eval \"$(petal completion bash)\" (zsh: the same; fish: source it)") { shell };
        command.SetAction(parse =>
        {
            Console.Out.Write(CompletionScripts.For(parse.GetValue(shell)!));
            return ExitCodes.Ok;
        });
        return command;
    }
}
