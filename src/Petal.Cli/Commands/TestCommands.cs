using System.CommandLine;
using Petal.Catalog;
using Petal.Common;
using Petal.Verify;
using Petal.Verify.Reports;
using Spectre.Console;

namespace Petal.Cli.Commands;

/// <summary>`petal test NAME [--phase 1|2|3|all] [--queue Q] [--report FILE.md] [SSH flags]`: workload validation.</summary>
public static class TestCommands
{
    public static IEnumerable<Command> Create() => [Test()];

    private static Command Test()
    {
        var name = new Argument<string>("NAME") { Description = "Cluster petal created (petal list)" };
        var phase = new Option<string>("--phase") { Description = "Phase to run: 1 (software), 2 (MPI), 3 (data) or all", DefaultValueFactory = _ => "all" };
        var queue = new Option<string?>("--queue") { Description = "Test this queue only" };
        var report = new Option<string?>("--report") { Description = "Write a markdown report to FILE.md" };
        var ssh = new SshOptions("SSH to this address instead of the AWS head node's, or instead of a local twin's own transport");
        var timeout = new Option<int>("--job-timeout") { Description = "Seconds one test job may take, node power-up included", DefaultValueFactory = _ => 600 };
        var command = new Command("test", "Prove a cluster works: software on compute nodes (phase 1), MPI across nodes (2), data (3); Outcome A or B. "
            + "NAME is an AWS cluster petal created (its head node over SSH) or a local twin")
        {
            name, phase, queue, report, timeout,
        };
        ssh.AddTo(command);
        AwsOptions.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var options = new TestOptions
            {
                Phases = ParsePhases(parse.GetValue(phase)!), Queue = parse.GetValue(queue),
                JobTimeout = TimeSpan.FromSeconds(Math.Max(10, parse.GetValue(timeout))),
            };
            var reportPath = parse.GetValue(report);
            if (reportPath is not null && !Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(reportPath))))
                throw new UserInputException($"--report {reportPath}: its directory does not exist");
            var resolver = new TestTargetResolver(EmbeddedCatalog.Default, ClusterCommands.Registry(parse));
            var (shell, target) = await resolver.ResolveAsync(parse.GetValue(name)!, ssh.Request(parse), ct);
            TestRun run;
            await using (shell)
                run = await RunWithProgress(shell, target, options, CliOutput.IsJson(parse), ct);
            if (reportPath is not null) await File.WriteAllTextAsync(reportPath, MarkdownReport.Render(run), ct);
            if (CliOutput.IsJson(parse)) CliOutput.WriteJson(TestRunDocument.From(run));
            else Render(run, shell.Description, reportPath);
            return run.Outcome == Outcome.A ? ExitCodes.Ok : ExitCodes.Failure;
        });
        return command;
    }

    public static IReadOnlyList<int> ParsePhases(string value) => value.Trim().ToLowerInvariant() switch
    {
        "all" => [1, 2, 3],
        "1" or "2" or "3" => [int.Parse(value.Trim())],
        _ => throw new UserInputException($"--phase {value}: use 1, 2, 3 or all"),
    };

    /// <summary>A spinner with the current step on a terminal; plain progress lines on stderr when redirected; nothing for JSON.</summary>
    private static async Task<TestRun> RunWithProgress(Petal.Verify.Transport.IClusterShell shell, VerifyTarget target, TestOptions options,
        bool json, CancellationToken ct)
    {
        if (json) return await WorkloadTester.RunAsync(shell, target, options, null, ct);
        if (Console.IsOutputRedirected || Console.IsErrorRedirected)
            return await WorkloadTester.RunAsync(shell, target, options, new SyncProgress(m => Console.Error.WriteLine($"petal test: {m}")), ct);
        TestRun? run = null;
        await CliOutput.Console.Status().StartAsync($"testing {target.Name} via {shell.Description}", async status =>
        {
            run = await WorkloadTester.RunAsync(shell, target, options, new SyncProgress(m => status.Status(Markup.Escape(m))), ct);
        });
        return run!;
    }

    private static void Render(TestRun run, string via, string? reportPath)
    {
        var console = CliOutput.Console;
        console.MarkupLine($"[bold]{Markup.Escape(run.Cluster)}[/] ({run.Provider}, {OutcomeDecider.LayoutName(run.Layout)} layout) via {Markup.Escape(via)}");
        foreach (var p in run.Phases)
        {
            var table = new Table().Title($"Phase {p.Phase}: {Markup.Escape(p.Title)}")
                .AddColumns("Check", "Must", "Where", "Verdict", "Time", "Detail");
            foreach (var c in p.Checks)
                table.AddRow(Markup.Escape(c.Id), c.Importance == Importance.Must ? "must" : "should", Markup.Escape(c.Where.ToString()),
                    c.Verdict switch { Verdict.Pass => "[green]pass[/]", Verdict.Fail => "[red]FAIL[/]", _ => "[grey]skipped[/]" },
                    $"{c.Duration.TotalSeconds:0.00}s", Markup.Escape(c.Reason));
            console.Write(table);
        }
        var color = run.Outcome == Outcome.A ? "green" : "red";
        var skipped = run.Checks.Count(c => c.Importance == Importance.Must && c.Verdict == Verdict.Skipped);
        var unverified = skipped == 0 ? "" : $" ({skipped} must-have check(s) skipped: not verified)";
        console.MarkupLine($"Outcome [bold {color}]{run.Outcome}[/]{unverified} in {run.Duration.TotalSeconds:0.0} s; estimated cost ${run.Cost.Dollars:0.0000} ({Markup.Escape(run.Cost.Basis)})");
        foreach (var r in run.Recommendations) console.MarkupLine($"- {Markup.Escape(r)}");
        if (reportPath is not null) console.MarkupLine($"report: {Markup.Escape(reportPath)}");
    }
}
