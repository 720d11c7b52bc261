using System.CommandLine;
using System.Globalization;
using Petal.Catalog;
using Petal.Common;
using Petal.Plans;
using Petal.Seeds;
using Spectre.Console;

namespace Petal.Cli.Commands;

/// <summary>`petal plan SEED`: renders the ParallelCluster config, bootstrap scripts and Spack files of a seed.</summary>
public static class PlanCommands
{
    public static IEnumerable<Command> Create() => [Plan()];

    private static Command Plan()
    {
        var seed = new Argument<string>("SEED") { Description = "Seed file (YAML)" };
        var output = new Option<string?>("--out", "-o") { Description = "Directory to write (default ./<cluster>-plan/): new, empty, or an earlier plan's, whose files are replaced" };
        var force = new Option<bool>("--force") { Description = "Write into a folder that holds other entries too (they are left as they are)" };
        var layout = new Option<string?>("--layout") { Description = "Software layout, overriding the seed's: ami | shared | hybrid | snapshot" };
        var keyName = new Option<string?>("--key-name") { Description = "EC2 key pair for SSH (else a placeholder)" };
        var sshCidr = new Option<string?>("--ssh-cidr") { Description = "Address range allowed to SSH to the head node, e.g. your address/32 (else a placeholder; never open to all)" };
        var subnetId = new Option<string?>("--subnet-id") { Description = "Subnet of the head node and queues (else a placeholder)" };
        var customAmi = new Option<string?>("--custom-ami") { Description = "AMI for the ami and hybrid layouts (else a placeholder)" };
        var snapshotId = new Option<string?>("--snapshot-id") { Description = "Software snapshot for the snapshot layout (else a placeholder)" };
        var bucket = new Option<string?>("--bucket") { Description = "S3 bucket for the bootstrap scripts (else a placeholder)" };
        var command = new Command("plan", "Render cluster-config.yaml, bootstrap scripts and Spack files for a seed (writes nothing when the seed is invalid)")
        {
            seed, output, force, layout, keyName, sshCidr, subnetId, customAmi, snapshotId, bucket,
        };
        command.SetAction(parse =>
        {
            var json = CliOutput.IsJson(parse);
            var loaded = SeedLoader.Load(parse.GetValue(seed)!, EmbeddedCatalog.Default);
            if (!loaded.Ok) throw PetalException.Invalid(loaded.Diagnostics);

            var options = new PlanOptions
            {
                Layout = ParseLayout(parse.GetValue(layout)),
                KeyName = parse.GetValue(keyName),
                SshCidr = parse.GetValue(sshCidr),
                SubnetId = parse.GetValue(subnetId),
                CustomAmi = parse.GetValue(customAmi),
                SnapshotId = parse.GetValue(snapshotId),
                BucketName = parse.GetValue(bucket),
            };
            var plan = Planner.Create(loaded.Seed!, EmbeddedCatalog.Default, options);

            var dir = parse.GetValue(output) ?? Path.Combine(".", plan.ClusterName + "-plan");
            PlanWriter.Write(plan, dir, parse.GetValue(force));
            if (json) Console.Out.Write(plan.Files[PlanFiles.PlanJson]);
            else Summary(plan, dir);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static SoftwareLayout? ParseLayout(string? value) => value switch
    {
        null => null,
        "ami" => SoftwareLayout.Ami,
        "shared" => SoftwareLayout.Shared,
        "hybrid" => SoftwareLayout.Hybrid,
        "snapshot" => SoftwareLayout.Snapshot,
        _ => throw new UserInputException($"--layout {value}: expected ami, shared, hybrid or snapshot"),
    };

    private static void Summary(Plan plan, string dir)
    {
        var console = CliOutput.Console;
        console.WriteLine($"plan for {plan.ClusterName} ({plan.Region}) written to {dir}");
        console.WriteLine($"layout       {plan.Layout.ToString().ToLowerInvariant()}: Spack at {plan.SoftwareRoot}, software in {plan.DataRoot}, modules in {plan.ModuleRoot}");
        console.WriteLine($"fingerprint  {plan.Fingerprint}");

        console.WriteLine($"spack target {plan.SpackTarget}{(Petal.Plans.SpackTargets.Cached.Contains(plan.SpackTarget) ? " (Spack's public buildcache has it)" : " (not in Spack's public buildcache: built from source)")}");

        var queues = new Table().AddColumns("queue", "compute resource", "instance types", "min", "max", "$/h each", "spack target");
        foreach (var q in plan.Cost.Queues)
        foreach (var r in q.ComputeResources)
            queues.AddRow(Markup.Escape(q.Name), Markup.Escape(r.Name), Markup.Escape(string.Join(", ", plan.Queues[q.Name].First(c => c.Name == r.Name).InstanceTypes)),
                r.MinCount.ToString(CultureInfo.InvariantCulture), r.MaxCount.ToString(CultureInfo.InvariantCulture), Money(r.PricePerHour),
                plan.QueueSpackTargets.GetValueOrDefault(q.Name, ""));
        console.Write(queues);

        var cost = new Table().AddColumns("cost (USD)", "min", "max");
        cost.AddRow("head node per hour", Money(plan.Cost.HeadNodePerHour), Money(plan.Cost.HeadNodePerHour));
        foreach (var q in plan.Cost.Queues)
            cost.AddRow(Markup.Escape($"queue {q.Name} ({q.CapacityType}) per hour"), Money(q.MinPerHour), Money(q.MaxPerHour));
        cost.AddRow("cluster per hour", Money(plan.Cost.MinPerHour), Money(plan.Cost.MaxPerHour));
        cost.AddRow("storage per month", Money(plan.Cost.StoragePerMonth), Money(plan.Cost.StoragePerMonth));
        console.Write(cost);
        if (plan.Cost.Guard is { } guard)
            console.WriteLine($"cost guard   max_cost_per_hour {Money(guard.MaxCostUsdPerHour)} USD: {Money(guard.MarginUsdPerHour)} USD/h to spare at max count");

        foreach (var (name, p) in plan.Placeholders.OrderBy(p => p.Key, StringComparer.Ordinal))
            console.WriteLine($"placeholder  {p.Token}: {p.Description}");
        foreach (var w in plan.Warnings)
            console.WriteLine($"warning      {w}");
    }

    private static string Money(decimal? value) => value is { } v ? v.ToString("0.0000", CultureInfo.InvariantCulture) : "unknown";
}
