using System.CommandLine;
using System.Text.Json;
using Petal.Catalog;
using Petal.Common;
using Petal.Garden.Jobspecs;
using Petal.Garden.Matching.Index;
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
        var explain = new Option<string?>("--explain")
        {
            Description = $"Why clusters cannot run a job: by default the {Explain.DefaultLimit} nearest misses per job (and the {Explain.DefaultLimit} best matches listed); 'all' for every cluster × job, or a job name for every cluster on that job",
        };
        var command = new Command("simulate", "Place jobs on clusters offline: where each job can run, where it goes, and why not elsewhere")
        {
            clusters, jobs, select, priorities, seed, explain,
        };
        command.SetAction(parse =>
        {
            var options = parse.GetValue(priorities) is { } file
                ? new Dictionary<string, string> { ["priorities"] = InputFiles.ReadText(file, "priorities file") }
                : null;
            var selector = Selectors.Create(parse.GetValue(select)!, options);
            var jobList = JobFiles.Load(parse.GetValue(jobs)!);
            var index = new ClusterIndex(ClusterFolders.Load(parse.GetValue(clusters)!, EmbeddedCatalog.Default));
            var mode = Explain.Parse(parse.GetValue(explain));
            if (mode.Job is { } name && jobList.All(j => j.Name != name))
                throw new UserInputException($"--explain {name}: no such job (jobs: {string.Join(", ", jobList.Select(j => j.Name).Take(20))}); give a job name or 'all'");
            if (CliOutput.IsJson(parse)) WriteJson(index, jobList, selector, parse.GetValue(seed), mode);
            else
            {
                var placements = new List<JobPlacement>();
                var (load, summary) = Simulator.Stream(index, jobList, selector, parse.GetValue(seed), mode, placements.Add);
                Render(new SimulationResult(placements, load, summary));
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Each placement is written as it is made: memory holds one job's answer, not clusters × jobs.</summary>
    private static void WriteJson(ClusterIndex index, IReadOnlyList<Jobspec> jobs, ISelector selector, int seed, Explain mode)
    {
        using var stdout = Console.OpenStandardOutput();
        using var writer = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteStartArray("placements");
        var (load, summary) = Simulator.Stream(index, jobs, selector, seed, mode, p =>
        {
            JsonSerializer.Serialize(writer, p, CliOutput.Json);
            if (writer.BytesPending > 1 << 16) writer.Flush();
        });
        writer.WriteEndArray();
        writer.WritePropertyName("load");
        JsonSerializer.Serialize(writer, load, CliOutput.Json);
        writer.WritePropertyName("summary");
        JsonSerializer.Serialize(writer, summary, CliOutput.Json);
        writer.WriteEndObject();
        writer.Flush();
        stdout.WriteByte((byte)'\n');
    }

    private static void Render(SimulationResult result)
    {
        var console = CliOutput.Console;
        var table = new Table().AddColumns("job", "cluster", "queue", "grade", "can run on");
        foreach (var p in result.Placements)
            table.AddRow(Markup.Escape(p.Job), Markup.Escape(p.Cluster ?? "— rejected"), Markup.Escape(p.Queue ?? ""),
                p.Grade ?? "", Markup.Escape(p.Matches.Count == 0 ? "none"
                    : string.Join(", ", p.Matches) + (p.MatchCount > p.Matches.Count ? $" … ({p.MatchCount} in all)" : "")));
        console.Write(table);

        foreach (var p in result.Placements.Where(p => p.Reasons.Count > 0))
        {
            // Plain writes: reasons are long and must not be wrapped mid-word by the table renderer.
            Console.Out.WriteLine($"{p.Job}: " + (p.Cluster is null ? "no cluster can run it" : "not on other clusters")
                + $" ({p.Reasons.Count} explained; --explain {p.Job} for every cluster)");
            foreach (var (cluster, reasons) in p.Reasons)
                Console.Out.WriteLine($"  {cluster}: {string.Join("; ", reasons)}");
        }

        // Every cluster while they fit a screen; past that only those that received jobs (JSON always has them all).
        var load = new Table().AddColumns("cluster", "jobs", "nodes");
        var shown = result.Load.Count <= 50 ? result.Load : result.Load.Where(l => l.Jobs > 0).ToList();
        foreach (var l in shown) load.AddRow(Markup.Escape(l.Cluster), l.Jobs.ToString(), l.Nodes.ToString());
        console.Write(load);
        if (shown.Count < result.Load.Count) Console.Out.WriteLine($"{result.Load.Count - shown.Count} other clusters received no job");
        var s = result.Summary;
        Console.Out.WriteLine($"{s.Jobs} jobs: {s.Placed} placed, {s.Rejected} rejected (selection {s.Selection}, seed {s.Seed})");
    }
}
