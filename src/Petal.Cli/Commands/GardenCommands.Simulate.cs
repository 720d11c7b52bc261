using System.CommandLine;
using Petal.Catalog;
using Petal.Common;
using Petal.Garden.Selection;
using Petal.Garden.Simulation;
using Spectre.Console;

namespace Petal.Cli.Commands;

public static partial class GardenCommands
{
    private static Command Simulate()
    {
        var clusters = new Option<string>("--clusters") { Description = "Folder of seed files (*.yaml) or of cluster folders (each: seed.yaml, or nodes.json + subsystems/*.json; optional state.json)", Required = true };
        var jobs = new Option<string>("--jobs") { Description = "A jobspec file, a YAML list of jobspecs, or a folder of jobspec files", Required = true };
        var select = new Option<string>("--select") { Description = $"Selection algorithm: {string.Join(", ", Selectors.Names)}", DefaultValueFactory = _ => "best-fit" };
        var priorities = new Option<string?>("--priorities") { Description = "For --select constraint: a YAML file with the priorities list (or a rainbow config file)" };
        var seed = new Option<int>("--random-seed") { Description = "Seed for random choices (same inputs + seed → same output)", DefaultValueFactory = _ => 1 };
        var command = new Command("simulate", "Place jobs on clusters offline: where each job can run, where it goes, and why not elsewhere")
        {
            clusters, jobs, select, priorities, seed,
        };
        command.SetAction(parse =>
        {
            var result = UserInput(() =>
            {
                var options = parse.GetValue(priorities) is { } file
                    ? new Dictionary<string, string> { ["priorities"] = InputFiles.ReadText(file, "priorities file") }
                    : null;
                var selector = Selectors.Create(parse.GetValue(select)!, options);
                return Simulator.Run(ClusterFolders.Load(parse.GetValue(clusters)!, EmbeddedCatalog.Default),
                    JobFiles.Load(parse.GetValue(jobs)!), selector, parse.GetValue(seed));
            });
            if (CliOutput.IsJson(parse)) CliOutput.WriteJson(result);
            else Render(result);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Render(SimulationResult result)
    {
        var console = CliOutput.Console;
        var table = new Table().AddColumns("job", "cluster", "queue", "grade", "can run on");
        foreach (var p in result.Placements)
            table.AddRow(Markup.Escape(p.Job), Markup.Escape(p.Cluster ?? "— rejected"), Markup.Escape(p.Queue ?? ""),
                p.Grade ?? "", Markup.Escape(p.Matches.Count == 0 ? "none" : string.Join(", ", p.Matches)));
        console.Write(table);

        foreach (var p in result.Placements.Where(p => p.Reasons.Count > 0))
        {
            // Plain writes: reasons are long and must not be wrapped mid-word by the table renderer.
            Console.Out.WriteLine($"{p.Job}: " + (p.Cluster is null ? "no cluster can run it" : $"not on {p.Reasons.Count} other cluster(s)"));
            foreach (var (cluster, reasons) in p.Reasons)
                Console.Out.WriteLine($"  {cluster}: {string.Join("; ", reasons)}");
        }

        var load = new Table().AddColumns("cluster", "jobs", "nodes");
        foreach (var l in result.Load) load.AddRow(Markup.Escape(l.Cluster), l.Jobs.ToString(), l.Nodes.ToString());
        console.Write(load);
        var s = result.Summary;
        Console.Out.WriteLine($"{s.Jobs} jobs: {s.Placed} placed, {s.Rejected} rejected (selection {s.Selection}, seed {s.Seed})");
    }
}
