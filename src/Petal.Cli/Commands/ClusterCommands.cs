using System.CommandLine;
using System.Diagnostics;
using Petal.Catalog;
using Petal.Common;
using Petal.Defaults;
using Petal.Providers;
using Petal.Providers.Aws;
using Petal.Providers.Local;
using Petal.Seeds;
using Spectre.Console;

namespace Petal.Cli.Commands;

/// <summary>`petal create | status | list | ssh | delete`: cluster lifecycle, provider-neutral through <see cref="ClusterRegistry"/> and <see cref="ICluster"/>.</summary>
public static class ClusterCommands
{
    public static IEnumerable<Command> Create() => [CreateCommand(), Status(), List(), Ssh(), Delete()];

    /// <summary>The registry with the AWS profile and region of the command line, else the defaults (every command reaches AWS the same way).</summary>
    public static ClusterRegistry Registry(ParseResult? parse) => new(EmbeddedCatalog.Default, AwsOptions.Connection(parse));

    /// <summary>For status, ssh and delete: --provider when given, else where petal recorded the cluster.</summary>
    private static readonly Option<string?> ProviderOf = new("--provider") { Description = "local or aws (default: where petal recorded the cluster)" };

    private static ICluster Open(ParseResult parse, string cluster) => Registry(parse).Open(cluster, parse.GetValue(ProviderOf));

    private static Command WithProviderOptions(Command command)
    {
        command.Options.Add(ProviderOf);
        AwsOptions.AddTo(command);
        return command;
    }

    private static Command CreateCommand()
    {
        var seed = new Argument<string>("SEED") { Description = "Seed file (YAML)" };
        var provider = new Option<string?>("--provider") { Description = "local (a Slurm + Lmod twin on this machine) or aws (default: PETAL_PROVIDER, the defaults file, else local)" };
        provider.AcceptOnlyFromAmong("local", "aws");
        var name = new Option<string?>("--name") { Description = "Cluster name (default: the seed's cluster.name)" };
        var s3Seed = new Option<string[]>("--s3-seed")
        {
            Description = "local: BUCKET=DIR fills the twin's directory for the seed's S3 mount of BUCKET with a copy of DIR (repeatable)",
            HelpName = "BUCKET=DIR",
        };
        var aws = new AwsCreateOptions();
        var command = new Command("create", "Grow a cluster from a seed (default: a local Slurm + Lmod twin)") { seed, provider, name, s3Seed };
        aws.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var registry = Registry(parse);
            var loaded = SeedLoader.Load(parse.GetValue(seed)!, EmbeddedCatalog.Default);
            if (!loaded.Ok) throw PetalException.Invalid(loaded.Diagnostics);
            var seeds = parse.GetValue(s3Seed) ?? [];
            var chosen = UserDefaults.Current.Value("provider", parse.GetValue(provider))!;
            if (seeds.Length > 0 && chosen != "local")
                throw new UserInputException("--s3-seed fills a local twin's S3 directory; on aws copy the files into the bucket (aws s3 sync DIR s3://BUCKET)");
            var request = aws.Apply(parse, new ClusterCreateRequest(parse.GetValue(name) ?? loaded.Seed!.Cluster.Name))
                with { S3Seeds = Petal.Providers.Local.TwinMounts.ParseSeeds(seeds) };
            var status = await WithProgressAsync(parse, $"creating {request.Name}",
                async progress => (await registry.CreateAsync(loaded.Seed!, chosen, request, progress, ct)).Status);
            Render(parse, status);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Status()
    {
        var name = new Argument<string>("NAME") { Description = "Cluster name" };
        var command = WithProviderOptions(new Command("status", "Queues, nodes (with the instance type each running node launched as) and their Slurm states, software and unsatisfied specs of a cluster") { name });
        command.SetAction(async (parse, ct) =>
        {
            var status = await Open(parse, parse.GetValue(name)!).StatusAsync(ct);
            Render(parse, status);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List()
    {
        var command = WithProviderOptions(new Command("list", "The clusters petal created"));
        command.SetAction(async (parse, ct) =>
        {
            var listing = await Registry(parse).ListAsync(parse.GetValue(ProviderOf), ct);
            var clusters = listing.Records;
            foreach (var damaged in listing.Damaged)
                Console.Error.WriteLine($"warning: skipped {damaged.Path}: damaged ({damaged.Reason}); `petal delete {damaged.Name}` removes it");
            if (CliOutput.IsJson(parse)) { CliOutput.WriteJson(new { Clusters = clusters }); return ExitCodes.Ok; }
            var table = new Table().AddColumns("Name", "Provider", "State", "Seed", "Created");
            foreach (var c in clusters)
                table.AddRow(Markup.Escape(c.Name), c.Provider, c.State, Markup.Escape(c.SeedFile ?? ""), c.CreatedAt.ToString("u"));
            if (clusters.Count == 0) CliOutput.Console.WriteLine("no clusters");
            else CliOutput.Console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Ssh()
    {
        var name = new Argument<string>("NAME") { Description = "Cluster name" };
        var rest = new Argument<string[]>("COMMAND") { Description = "Command to run instead of a login shell (after --)", Arity = ArgumentArity.ZeroOrMore };
        var identity = new Option<string?>("--key-file", "-i") { Description = "aws: private key for ssh (default: ~/.ssh/<key-name>.pem when it exists)" };
        var user = new Option<string?>("--user", "-l") { Description = "Log in as this user, e.g. one of the seed's users (default: aws, the OS's login user; local, root)" };
        var command = WithProviderOptions(new Command("ssh", "A login shell on the head node (SLURM_CONF, modules, the head node's view); `-- cmd args` runs a command and returns its exit code") { name, rest, identity, user });
        command.SetAction(async (parse, ct) =>
        {
            var login = parse.GetValue(user);
            if (login is not null && !Patterns.UserName.IsMatch(login))
                throw new UserInputException($"--user {login}: not a user name ({Patterns.UserName.Regex}), e.g. alice");
            var cmd = await Open(parse, parse.GetValue(name)!).SshCommandAsync(parse.GetValue(identity), parse.GetValue(rest) ?? [], ct, login);
            var start = new ProcessStartInfo(cmd[0]) { UseShellExecute = false };
            foreach (var a in cmd.Skip(1)) start.ArgumentList.Add(a);
            using var process = Process.Start(start)!;
            await process.WaitForExitAsync(ct);
            return process.ExitCode;
        });
        return command;
    }

    private static Command Delete()
    {
        var name = new Argument<string>("NAME") { Description = "Cluster name" };
        var yes = new Option<bool>("--yes", "-y") { Description = "Delete without asking (required without a terminal)" };
        var command = WithProviderOptions(new Command("delete", "Stop every process of a cluster and remove what petal created for it (asks first on a terminal)") { name, yes });
        command.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(name)!;
            var given = parse.GetValue(ProviderOf);
            if (given is null or "local") LocalProvider.CheckName(n); // a path is refused before the question
            // A twin whose state is damaged or gone is still deleted (the registry hands the name to its provider).
            string where;
            try { where = Registry(parse).Find(n, given)?.Provider ?? given ?? "local"; }
            catch (InvalidOperationException) { where = given ?? "local"; }
            if (!Confirmation.Confirm(parse.GetValue(yes), $"delete cluster {n} ({where}) and everything petal created for it?"))
                return ExitCodes.Failure;
            var deleted = await WithProgressAsync(parse, $"deleting {n}", progress => Registry(parse).DeleteAsync(n, given, progress, ct));
            if (!deleted) throw new UserInputException($"no cluster named '{n}' (see petal list)");
            if (CliOutput.IsJson(parse)) CliOutput.WriteJson(new { Name = n, Deleted = true });
            else CliOutput.Console.WriteLine($"deleted {n}");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>A spinner with the current step on a terminal; plain lines on stderr when redirected or with --output json.</summary>
    private static async Task<T> WithProgressAsync<T>(ParseResult parse, string title, Func<IProgress<string>, Task<T>> work)
    {
        if (CliOutput.IsJson(parse) || Console.IsOutputRedirected)
            return await work(new SyncProgress(step => Console.Error.WriteLine($"{title}: {step}")));
        return await CliOutput.Console.Status().StartAsync(title, ctx =>
            work(new SyncProgress(step => ctx.Status($"{Markup.Escape(title)}: {Markup.Escape(step)}"))));
    }

    /// <summary>A running node's launched type; a node not running that may launch as several types lists them.</summary>
    private static string TypeColumn(ClusterNodeStatus n) =>
        n.LaunchedAt is null && n.InstanceTypes.Count > 1 ? string.Join(" | ", n.InstanceTypes) : n.InstanceType;

    private static void Render(ParseResult parse, ClusterStatus s)
    {
        if (CliOutput.IsJson(parse)) { CliOutput.WriteJson(s); return; }
        var c = CliOutput.Console;
        c.MarkupLine($"[bold]{Markup.Escape(s.Name)}[/] ({s.Provider}, layout {s.Layout}): {Markup.Escape(s.State)}");
        // AWS rows are EC2 instances: no Slurm static/dynamic split, but a launch time.
        var aws = s.Provider == "aws";
        var nodes = new Table().AddColumns("Queue", aws ? "Instance" : "Node", "Type", aws ? "Launched" : "Static", "CPUs", "Memory MiB", "State");
        foreach (var n in s.Nodes)
            nodes.AddRow(Markup.Escape(n.Queue), Markup.Escape(n.Name), Markup.Escape(TypeColumn(n)),
                aws ? n.LaunchedAt?.ToString("u") ?? "" : n.Static ? "yes" : "no", n.Cpus.ToString(), n.MemoryMiB.ToString(), Markup.Escape(n.State));
        if (s.Nodes.Count > 0) c.Write(nodes);
        if (s.Software.Count > 0)
        {
            var software = new Table().AddColumns("Spec", "Module");
            foreach (var sw in s.Software) software.AddRow(Markup.Escape(sw.Spec), Markup.Escape(sw.Module));
            c.Write(software);
        }
        if (s.Mounts.Count > 0)
        {
            var mounts = new Table().AddColumns("Mount", "Kind", "Source", "Access", "Emulation", "Not emulated");
            foreach (var m in s.Mounts)
                mounts.AddRow(Markup.Escape(m.MountDir), m.Kind, Markup.Escape(m.Source), m.ReadOnly ? "read-only" : "read-write",
                    Markup.Escape(m.Emulation), Markup.Escape(m.NotEmulated));
            c.Write(mounts);
        }
        foreach (var u in s.Unsatisfied) c.MarkupLine($"[yellow]unsatisfied[/] {Markup.Escape(u.Spec)}: {Markup.Escape(u.Reason)}");
        foreach (var note in s.Notes) c.MarkupLine($"[grey]note:[/] {Markup.Escape(note)}");
    }
}
