using System.CommandLine;
using Petal.Catalog;
using Petal.Common;
using Petal.Pcluster.Updates;
using Petal.Providers;
using Petal.Providers.Aws;
using Petal.Providers.Aws.Clusters;
using Petal.Providers.Local;
using Petal.Seeds;
using Spectre.Console;

namespace Petal.Cli.Commands;

/// <summary>`petal update NAME SEED`: the edited seed's changes, classified by ParallelCluster's update policies, then applied.</summary>
public static class UpdateCommand
{
    public static IEnumerable<Command> Create()
    {
        var name = new Argument<string>("NAME") { Description = "Cluster name (see petal list)" };
        var seed = new Argument<string>("SEED") { Description = "The edited seed file (YAML)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show the changes and what each needs, change nothing" };
        var yes = new Option<bool>("--yes", "-y") { Description = "Apply without asking (required without a terminal)" };
        var provider = new Option<string?>("--provider") { Description = "local or aws (default: where petal recorded the cluster)" };
        provider.AcceptOnlyFromAmong("local", "aws");
        var command = new Command("update",
            "Update a running cluster from its edited seed: each change with ParallelCluster 3.12's update policy "
            + "(live, compute fleet stopped, queue drained, login nodes stopped, or a new cluster), then apply it") { name, seed, dryRun, yes, provider };
        AwsOptions.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(name)!;
            var loaded = SeedLoader.Load(parse.GetValue(seed)!, EmbeddedCatalog.Default);
            if (!loaded.Ok)
            {
                DiagnosticPrinter.Write(Console.Error, loaded.Diagnostics);
                return ExitCodes.InvalidInput;
            }
            var aws = new AwsClusterProvider(EmbeddedCatalog.Default, AwsOptions.Connection(parse));
            var onAws = parse.GetValue(provider) switch { "aws" => true, "local" => false, _ => aws.Knows(n) };
            AwsClusterUpdate? awsUpdate = null;
            TwinUpdate? twinUpdate = null;
            ClusterUpdatePlan plan;
            if (onAws) plan = (awsUpdate = aws.PlanUpdate(n, loaded.Seed!)).Plan;
            else plan = (twinUpdate = TwinUpdate.Create(n, loaded.Seed!, EmbeddedCatalog.Default)).Plan;

            if (parse.GetValue(dryRun))
            {
                Render(parse, plan, applied: false);
                return ExitCodes.Ok;
            }
            if (plan.Update.Requirement >= UpdateRequirement.StopLoginNodes)
            {
                Render(parse, plan, applied: false);
                var blocking = plan.Update.Changes.Where(c => c.Requirement == plan.Update.Requirement).Select(c => $"{c.Path}: {c.Reason}");
                throw new UserInputException($"ParallelCluster cannot apply these changes to {n} ({Needs(plan.Update.Requirement)}): "
                    + string.Join("; ", blocking) + "; nothing was changed");
            }
            if (!CliOutput.IsJson(parse)) Render(parse, plan, applied: false);
            // Nothing in the config changes: nothing to confirm (the seed is recorded, users added).
            if (!plan.Update.Empty && !Confirmation.Confirm(parse.GetValue(yes), $"apply these changes to {n} ({Needs(plan.Update.Requirement)})?"))
                return ExitCodes.Failure;
            var progress = new SyncProgress(line => Console.Error.WriteLine($"updating {n}: {line}"));
            if (awsUpdate is not null) await aws.ApplyUpdateAsync(awsUpdate, progress, ct);
            else await twinUpdate!.ApplyAsync(progress, ct);
            if (CliOutput.IsJson(parse)) Render(parse, plan, applied: true);
            else CliOutput.Console.WriteLine($"updated {n}");
            return ExitCodes.Ok;
        });
        return [command];
    }

    private static string Needs(UpdateRequirement r) => r switch
    {
        UpdateRequirement.Live => "applied live",
        UpdateRequirement.DrainQueue => "queue nodes drained and replaced",
        UpdateRequirement.StopFleet => "compute fleet stopped, then started again",
        UpdateRequirement.StopLoginNodes => "login nodes must be stopped first",
        _ => "needs a new cluster",
    };

    private static void Render(ParseResult parse, ClusterUpdatePlan plan, bool applied)
    {
        if (CliOutput.IsJson(parse))
        {
            CliOutput.WriteJson(new
            {
                plan.Name, plan.Provider, Requirement = plan.Update.Requirement, Applied = applied,
                Changes = plan.Update.Changes.Select(c => new { c.Path, c.Old, c.New, Policy = PolicyName(c.Policy), c.Requirement, c.Reason }),
                plan.Notes,
            });
            return;
        }
        var console = CliOutput.Console;
        if (plan.Update.Empty) console.WriteLine($"{plan.Name}: no cluster config changes");
        else
        {
            var table = new Table().AddColumns("Change", "Old", "New", "Policy", "Needs");
            foreach (var c in plan.Update.Changes)
                table.AddRow(Markup.Escape(c.Path), Markup.Escape(c.Old ?? "(none)"), Markup.Escape(c.New ?? "(removed)"), PolicyName(c.Policy),
                    Markup.Escape(c.Reason.Length == 0 ? Needs(c.Requirement) : $"{Needs(c.Requirement)}: {c.Reason}"));
            console.Write(table);
            console.WriteLine($"{plan.Name} ({plan.Provider}): {Needs(plan.Update.Requirement)}");
        }
        foreach (var note in plan.Notes) console.MarkupLine($"[grey]note:[/] {Markup.Escape(note)}");
    }

    /// <summary>The policy as pcluster prints it (QUEUE_UPDATE_STRATEGY).</summary>
    private static string PolicyName(UpdatePolicy p) =>
        string.Concat(p.ToString().Select((ch, i) => i > 0 && char.IsUpper(ch) ? "_" + ch : ch.ToString())).ToUpperInvariant();
}
