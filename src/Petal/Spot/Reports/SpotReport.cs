using System.Globalization;
using System.Text;
using Petal.Common;
using Petal.Spot.Runs;
using ScottPlot;

namespace Petal.Spot.Reports;

/// <summary>The files a report wrote.</summary>
public sealed record SpotReportFiles(string Markdown, IReadOnlyList<string> Charts, int Batches);

/// <summary>
/// `petal spot report DIR`: from every result.json under DIR, four PNG charts (run time per instance type,
/// cost per experiment, spot price spread of the candidates, reclaims over time) and report.md with the tables.
/// </summary>
public static class SpotReport
{
    private const int Width = 800, Height = 500;

    public static SpotReportFiles Write(string directory)
    {
        if (!Directory.Exists(directory)) throw new UserInputException($"results directory {directory} does not exist");
        var results = ResultFiles.ReadAll(directory);
        if (results.Count == 0) throw new UserInputException($"no {ResultFiles.FileName} under {directory}; run `petal spot run PLAN --out {directory}` first");
        var charts = new List<string>
        {
            RuntimeChart(results, Path.Combine(directory, "runtime-by-type.png")),
            CostChart(results, Path.Combine(directory, "cost-by-experiment.png")),
            PriceSpreadChart(results, Path.Combine(directory, "price-spread.png")),
            ReclaimChart(results, Path.Combine(directory, "reclaims.png")),
        };
        var markdown = Path.Combine(directory, "report.md");
        File.WriteAllText(markdown, Markdown(results, charts));
        return new SpotReportFiles(markdown, charts, results.Count);
    }

    /// <summary>Wall seconds of completed iterations, by the instance type their first node really was.</summary>
    public static IReadOnlyDictionary<string, List<double>> RuntimesByType(IEnumerable<BatchResult> results) =>
        results.SelectMany(r => r.Iterations
                .Where(i => i.State == IterationState.Completed && i.WallSeconds is not null)
                .Select(i => (Type: TypeOf(r, i), Seconds: i.WallSeconds!.Value)))
            .GroupBy(x => x.Type, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Seconds).ToList(), StringComparer.Ordinal);

    private static string TypeOf(BatchResult r, IterationRecord i) =>
        r.Topology.LastOrDefault(n => i.NodeNames.Contains(n.Name) && (i.StartedAt is null || n.FirstSeen <= i.StartedAt.Value.AddSeconds(1)))?.InstanceType
        ?? r.Topology.FirstOrDefault(n => i.NodeNames.Contains(n.Name))?.InstanceType
        ?? "unknown";

    private static string RuntimeChart(IReadOnlyList<BatchResult> results, string path)
    {
        var plot = new Plot();
        var byType = RuntimesByType(results).ToList();
        for (var i = 0; i < byType.Count; i++)
        {
            var values = byType[i].Value;
            var bar = plot.Add.Bar(i, values.Average());
            bar.Bars[0].Error = values.Count > 1 ? StdDev(values) : 0;
        }
        Label(plot, byType.Select(x => x.Key).ToList(), "Run time per iteration by instance type", "seconds (mean ± sd)");
        plot.SavePng(path, Width, Height);
        return path;
    }

    private static string CostChart(IReadOnlyList<BatchResult> results, string path)
    {
        var plot = new Plot();
        var byExperiment = results.GroupBy(r => r.Name, StringComparer.Ordinal).ToList();
        for (var i = 0; i < byExperiment.Count; i++)
            plot.Add.Bar(i, (double)byExperiment[i].Sum(r => r.Cost));
        Label(plot, byExperiment.Select(g => g.Key).ToList(), "Cost per experiment (node-hours × spot price)", "USD");
        plot.SavePng(path, Width, Height);
        return path;
    }

    private static string PriceSpreadChart(IReadOnlyList<BatchResult> results, string path)
    {
        var plot = new Plot();
        var candidates = results.SelectMany(r => r.Candidates).GroupBy(c => c.InstanceType, StringComparer.Ordinal)
            .Select(g => g.First()).OrderBy(c => c.SpotPrice).ToList();
        var chosen = results.SelectMany(r => r.MachineTypes).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < candidates.Count; i++)
        {
            var c = candidates[i];
            var bar = plot.Add.Bar(i, (double)c.SpotPrice);
            bar.Bars[0].FillColor = chosen.Contains(c.InstanceType) ? Colors.Orange : Colors.SteelBlue;
            if (c.SpotMin is { } min && c.SpotMax is { } max && max > min)
                bar.Bars[0].Error = (double)(max - min) / 2;
        }
        Label(plot, candidates.Select(c => c.InstanceType).ToList(), "Spot price of the candidates (orange: chosen)", "USD per hour");
        plot.SavePng(path, Width, Height);
        return path;
    }

    private static string ReclaimChart(IReadOnlyList<BatchResult> results, string path)
    {
        var plot = new Plot();
        var start = results.Min(r => r.StartedAt);
        var reclaims = results.SelectMany(r => r.Reclaims).OrderBy(r => r.SeenGoneAt).ToList();
        var xs = new List<double> { 0 };
        var ys = new List<double> { 0 };
        for (var i = 0; i < reclaims.Count; i++)
        {
            xs.Add((reclaims[i].SeenGoneAt - start).TotalMinutes);
            ys.Add(i + 1);
        }
        xs.Add((results.Max(r => r.FinishedAt) - start).TotalMinutes);
        ys.Add(reclaims.Count);
        plot.Add.ScatterLine(xs.ToArray(), ys.ToArray()).ConnectStyle = ConnectStyle.StepHorizontal;
        plot.Title("Node reclaims over time");
        plot.XLabel("minutes since the run started");
        plot.YLabel("reclaims (cumulative)");
        plot.SavePng(path, Width, Height);
        return path;
    }

    private static void Label(Plot plot, IReadOnlyList<string> names, string title, string y)
    {
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, names.Count).Select(i => (double)i).ToArray(), names.ToArray());
        plot.Axes.Bottom.TickLabelStyle.Rotation = names.Count > 4 ? 45 : 0;
        plot.Axes.Bottom.TickLabelStyle.Alignment = names.Count > 4 ? Alignment.MiddleLeft : Alignment.UpperCenter;
        plot.Axes.Margins(bottom: 0);
        plot.Title(title);
        plot.YLabel(y);
    }

    private static double StdDev(IReadOnlyList<double> values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }

    private static string Markdown(IReadOnlyList<BatchResult> results, IReadOnlyList<string> charts)
    {
        string Usd(decimal v) => "$" + v.ToString("0.0000", CultureInfo.InvariantCulture);
        var md = new StringBuilder("# Spot experiment report\n\n");
        md.Append($"{results.Count} batches, {results.Sum(r => r.Iterations.Count)} iterations, ")
          .Append($"{results.Sum(r => r.Reclaims.Count)} reclaims, total cost {Usd(results.Sum(r => r.Cost))} (node-hours × spot price of the type each node really was).\n\n");
        md.Append("## Batches\n\n| experiment | batch | requested types | launched types | iterations ok | killed/failed | reclaims | node-hours | cost |\n|---|---|---|---|---|---|---|---|---|\n");
        foreach (var r in results)
            md.Append($"| {r.Name} | {r.Batch} | {string.Join(", ", r.MachineTypes)} | {string.Join(", ", r.Topology.Select(n => n.InstanceType).Distinct())} | ")
              .Append($"{r.Iterations.Count(i => i.State == IterationState.Completed)} | {r.Iterations.Count(i => i.State != IterationState.Completed)} | {r.Reclaims.Count} | ")
              .Append($"{r.NodeHours.Sum(h => h.Hours).ToString("0.####", CultureInfo.InvariantCulture)} | {Usd(r.Cost)} |\n");
        md.Append("\n## Run time by instance type\n\n| instance type | iterations | mean s | min s | max s |\n|---|---|---|---|---|\n");
        foreach (var (type, values) in RuntimesByType(results))
            md.Append(CultureInfo.InvariantCulture, $"| {type} | {values.Count} | {values.Average():0.##} | {values.Min():0.##} | {values.Max():0.##} |\n");
        if (results.Any(r => r.Reclaims.Count > 0))
        {
            md.Append("\n## Reclaims\n\n| experiment | batch | iteration | node | type | first seen gone | replacement |\n|---|---|---|---|---|---|---|\n");
            foreach (var r in results)
                foreach (var x in r.Reclaims)
                    md.Append($"| {r.Name} | {r.Batch} | {x.Iteration} | {x.Node} | {x.InstanceType} | {x.SeenGoneAt:u} | {x.ReplacementNode ?? "-"} {x.ReplacementType} |\n");
        }
        md.Append("\n## Charts\n\n");
        foreach (var c in charts) md.Append($"![{Path.GetFileNameWithoutExtension(c)}]({Path.GetFileName(c)})\n\n");
        return md.ToString();
    }
}
