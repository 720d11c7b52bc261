using System.CommandLine;
using System.Globalization;
using Petal.Catalog;
using Petal.Common;
using Petal.Spot.Estimates;
using Petal.Spot.Plans;
using Spectre.Console;

namespace Petal.Cli.Commands;

public static partial class SpotCommands
{
    private static Command Estimate()
    {
        var plan = new Argument<string>("PLAN") { Description = "Spot experiment plan (YAML; see docs/spot.md)" };
        var runtime = new Option<string?>("--runtime") { Description = "Run time of one iteration, e.g. 90s, 5m, 1h30m (default 10m, unless --results measured it)" };
        var results = new Option<string?>("--results") { Description = "Earlier results directory: use measured run times per experiment" };
        var command = new Command("estimate", "Cost of a plan per experiment and in total, with the formula") { plan, runtime, results };
        command.SetAction(parse =>
        {
            var p = LoadPlan(parse.GetValue(plan)!);
            TimeSpan? given = null;
            if (parse.GetValue(runtime) is { } text)
                given = DurationText.TryParse(text, out var d) ? d : throw new UserInputException($"--runtime '{text}' is not a duration such as 90s, 5m or 1h30m");
            var measured = parse.GetValue(results) is { } dir ? RuntimeHistory.Read(dir) : new Dictionary<string, RuntimeHistory.Measured>();
            var estimate = SpotEstimator.Estimate(p, EmbeddedCatalog.Default, given, measured);
            if (CliOutput.IsJson(parse)) CliOutput.WriteJson(estimate);
            else RenderEstimate(estimate);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The plan (its warnings printed), or every problem as invalid input.</summary>
    private static SpotPlan LoadPlan(string path)
    {
        var result = SpotPlanLoader.Load(path);
        if (!result.Ok) throw PetalException.Invalid(result.Diagnostics);
        if (result.Diagnostics.Count > 0) DiagnosticPrinter.Write(Console.Error, result.Diagnostics);
        return result.Plan!;
    }

    private static void RenderEstimate(SpotEstimate e)
    {
        var console = CliOutput.Console;
        var table = new Table().Title($"Estimated cost in {e.Region} (spot prices: {e.PriceSource})")
            .AddColumns("experiment", "batches", "iterations", "nodes", "run time", "spot $/h", "run", "start-up", "cost");
        foreach (var x in e.Experiments)
            table.AddRow(x.Name, Num(x.Batches), Num(x.Iterations), Num(x.Nodes),
                $"{DurationText.Format(TimeSpan.FromSeconds(x.RuntimeSeconds))} ({x.RuntimeSource})", SpotEstimator.Usd(x.SpotPrice),
                SpotEstimator.Usd(x.RunCost), SpotEstimator.Usd(x.StartupCost), SpotEstimator.Usd(x.Cost));
        table.AddRow("head node", "", "", "1", $"{e.WallHours.ToString("0.##", CultureInfo.InvariantCulture)} h", SpotEstimator.Usd(e.HeadNodePrice), "", "", SpotEstimator.Usd(e.HeadNodeCost));
        table.AddRow("[bold]total[/]", "", "", "", "", "", "", "", $"[bold]{SpotEstimator.Usd(e.Total)}[/]");
        console.Write(table);
        console.WriteLine("cost = batches × iterations × nodes × run time × price + batches × nodes × start-up × price; head node = on-demand × wall time");
        foreach (var x in e.Experiments) console.WriteLine($"{x.Name}: {x.Formula}");
        console.WriteLine($"head node: {e.HeadNodeFormula}");
    }
}
