using System.CommandLine;
using Petal.Catalog;
using Petal.Common;
using Petal.Spot.Reports;
using Petal.Spot.Runs;
using Spectre.Console;

namespace Petal.Cli.Commands;

public static partial class SpotCommands
{
    private static Command Run()
    {
        var plan = new Argument<string>("PLAN") { Description = "Spot experiment plan (YAML; see docs/spot.md)" };
        var cluster = new Option<string>("--cluster")
        {
            Description = "Cluster to run on: an AWS cluster petal created (its head node over SSH, with the SSH flags below; the queue is changed with pcluster update-cluster) or a local twin",
            Required = true,
        };
        var outDir = new Option<string>("--out") { Description = "Results directory (re-running with the same one resumes)", DefaultValueFactory = _ => "spot-results" };
        var rate = new Option<double>("--reclaim-rate") { Description = "Chance (0..1) of reclaiming one node of each running iteration (local twin only: EC2 reclaims AWS spot instances itself)" };
        var timeout = new Option<string>("--iteration-timeout") { Description = "Cancel an iteration after this long", DefaultValueFactory = _ => "30m" };
        var ssh = new SshOptions("SSH to this address instead of the AWS head node's (AWS clusters; a twin is reached directly)");
        var command = new Command("run", "Run a plan's batches × iterations on a cluster's spot queue and write result.json per batch")
        {
            plan, cluster, outDir, rate, timeout, AwsOptions.Profile,
        };
        ssh.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            var path = parse.GetValue(plan)!;
            var p = LoadPlan(path);
            var reclaimRate = parse.GetValue(rate);
            if (reclaimRate is < 0 or > 1) throw new UserInputException("--reclaim-rate must be from 0 to 1");
            if (!Spot.Plans.DurationText.TryParse(parse.GetValue(timeout)!, out var limit))
                throw new UserInputException("--iteration-timeout must be a duration such as 10m");
            var options = new SpotRunOptions { OutDirectory = Path.GetFullPath(parse.GetValue(outDir)!), ReclaimRate = reclaimRate, IterationTimeout = limit };
            var progress = CliOutput.IsJson(parse) ? null : new Progress<string>(m => Console.Error.WriteLine(m));
            await using var target = await SpotCluster.OpenAsync(ClusterCommands.Registry(parse).Open(parse.GetValue(cluster)!), ssh.Request(parse),
                p.Region, reclaimRate > 0, progress, cancellation);
            try
            {
                var results = await new SpotRunner(target, EmbeddedCatalog.Default, options, progress).RunAsync(p, File.ReadAllText(path), cancellation);
                if (CliOutput.IsJson(parse)) CliOutput.WriteJson(new { Batches = results });
                else foreach (var r in results)
                    CliOutput.Console.MarkupLineInterpolated(
                        $"{r.Name} batch {r.Batch}: {r.Iterations.Count(i => i.State == IterationState.Completed)}/{r.Iterations.Count} iterations ok, {r.Reclaims.Count} reclaims, cost {Spot.Estimates.SpotEstimator.Usd(r.Cost)}");
                return ExitCodes.Ok;
            }
            catch (OperationCanceledException e)
            {
                throw new PetalException(ErrorKind.Cancelled, "interrupted: run the same command again to resume",
                    leftBehind: [$"the run's state and results in {options.OutDirectory}"], cleanup: $"rm -r {ShellQuote.Single(options.OutDirectory)}", inner: e);
            }
        });
        return command;
    }

    private static Command Reclaim()
    {
        var node = new Argument<string>("NODE") { Description = "Node name, e.g. spot-dy-c5-large-1" };
        var cluster = new Option<string>("--cluster") { Description = "Local twin", Required = true };
        var command = new Command("reclaim", "Reclaim a local twin node as EC2 would a spot instance (its slurmd dies; Slurm requeues its jobs). "
            + "Not for AWS clusters: EC2 reclaims their spot instances itself") { node, cluster };
        command.SetAction(async (parse, cancellation) =>
        {
            var n = parse.GetValue(node)!;
            var target = ClusterCommands.Registry(parse).Open(parse.GetValue(cluster)!);
            if (target.ReclaimRefusal is { } refused) throw new UserInputException(refused);
            await target.ReclaimNodeAsync(n, cancellation);
            if (CliOutput.IsJson(parse)) CliOutput.WriteJson(new { Reclaimed = n });
            else CliOutput.Console.MarkupLineInterpolated($"reclaimed {n}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Report()
    {
        var dir = new Argument<string>("DIR") { Description = "Results directory of `petal spot run`" };
        var command = new Command("report", "Charts (PNG) and a markdown summary of a results directory") { dir };
        command.SetAction(parse =>
        {
            var files = SpotReport.Write(parse.GetValue(dir)!);
            if (CliOutput.IsJson(parse)) CliOutput.WriteJson(files);
            else
            {
                CliOutput.Console.MarkupLineInterpolated($"{files.Batches} batches: {files.Markdown}");
                foreach (var c in files.Charts) CliOutput.Console.MarkupLineInterpolated($"  {c}");
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
