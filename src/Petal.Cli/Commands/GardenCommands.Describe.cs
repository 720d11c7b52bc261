using System.CommandLine;
using Petal.Catalog;
using Petal.Common;
using Petal.Garden.Descriptions;
using Petal.Garden.Simulation;
using Spectre.Console;

namespace Petal.Cli.Commands;

public static partial class GardenCommands
{
    private static Command Describe()
    {
        var target = new Argument<string>("NAME|SEED|DIR") { Description = "A cluster petal created (local twin or AWS), a seed file, or a cluster folder (seed.yaml, or nodes.json + subsystems/)" };
        var command = new Command("describe", "What the garden knows about a cluster: per queue arch, CPUs, memory, GPUs, disks, OS, software")
        {
            target,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(target)!;
            var description = File.Exists(path) || Directory.Exists(path)
                ? ClusterFolders.LoadOne(path, EmbeddedCatalog.Default)
                : GrownClusters.Describe(path, EmbeddedCatalog.Default, ClusterCommands.Registry(parse))
                  ?? throw new UserInputException($"{path}: no cluster of that name (see petal list), seed file or cluster folder");
            if (CliOutput.IsJson(parse)) CliOutput.WriteJson(description);
            else Render(description);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Render(ClusterDescription d)
    {
        var console = CliOutput.Console;
        console.WriteLine($"{d.Name} ({d.Source}, {d.Scheduler}{(d.Region is null ? "" : ", " + d.Region)})"
            + (d.Labels.Count > 0 ? " " + string.Join(" ", d.Labels.Select(l => $"{l.Key}={l.Value}")) : ""));
        var table = new Table().AddColumns("queue", "arch", "cpus", "memory", "gpu", "efa", "nodes", "os", "disk", "price/h");
        foreach (var q in d.Queues)
            table.AddRow(Markup.Escape(q.Name), q.Architecture, $"{q.SchedulableCpus} ({q.Cores}c×{q.ThreadsPerCore}t)",
                q.MemoryMiB > 0 ? $"{q.MemoryMiB / 1024.0:0.#} GiB" : "", q.Gpu is { } g ? $"{g.Count}× {Markup.Escape(g.Model ?? "gpu")}" : "-",
                q.Efa ? "yes" : "no", q.MaxNodes.ToString(), Markup.Escape($"{q.Os} {q.OsVersion}".Trim()),
                q.SharedDiskGiB is { } s ? $"{s} GiB shared" : q.RootDiskGiB is { } r ? $"{r} GiB root" : "",
                q.PricePerNodeHour is { } p ? $"${p:0.####}" : "");
        console.Write(table);
        if (d.Software.Count > 0) console.WriteLine("software: " + string.Join(", ", d.Software.Select(s => s.Spec)));
        if (d.Mpi is not null) console.WriteLine($"mpi: {d.Mpi}");
        if (d.Subsystems.Count > 0) console.WriteLine("subsystems: " + string.Join(", ", d.Subsystems));
    }
}
