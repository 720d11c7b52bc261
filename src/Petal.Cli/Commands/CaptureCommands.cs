using System.CommandLine;
using Petal.Capture;
using Petal.Catalog;
using Petal.Common;
using Petal.Providers.Aws.Clusters;
using Petal.Seeds;
using Petal.Verify;
using Petal.Verify.Transport;
using Spectre.Console;

namespace Petal.Cli.Commands;

/// <summary>
/// <c>petal capture</c>: an existing Slurm cluster (this machine, a cluster petal knows, or a host over SSH) → a
/// commented seed; <c>petal capture jobs</c>: batch scripts → garden jobspecs, checked against a seed.
/// </summary>
public static class CaptureCommands
{
    public static IEnumerable<Command> Create()
    {
        var cluster = new Option<string?>("--cluster") { Description = "Capture a cluster petal knows (a local twin or an AWS cluster) through its handle" };
        var ssh = new Option<string?>("--ssh") { Description = "Capture USER@HOST over SSH" };
        var key = new Option<string?>("-i", "--key-file") { Description = "Private key for --ssh (default: ssh-agent's keys, ~/.ssh/id_*)" };
        var port = new Option<int>("--port") { Description = "SSH port for --ssh", DefaultValueFactory = _ => 22 };
        var output = new Option<string?>("-o", "--out") { Description = "Write the seed to FILE (default: print it)" };
        var region = new Option<string>("--region") { Description = "Region whose catalog and prices choose instance types", DefaultValueFactory = _ => SeedWriter.DefaultRegion };
        var minUid = new Option<int>("--min-uid") { Description = "Lowest uid of a regular account", DefaultValueFactory = _ => UserIds.MinRegular };
        var maxUid = new Option<int>("--max-uid") { Description = "Highest uid of a regular account", DefaultValueFactory = _ => UserIds.MaxRecommended };
        var command = new Command("capture", "Capture a running Slurm cluster (partitions, nodes, modules, users, OS) as a commented seed, without changing it. "
            + "Default: this machine")
        {
            cluster, ssh, key, port, output, region, minUid, maxUid, Jobs(),
        };
        command.SetAction(async (parse, ct) =>
        {
            var clusterName = parse.GetValue(cluster);
            var sshTarget = parse.GetValue(ssh);
            if (clusterName is not null && sshTarget is not null) throw new UserInputException("--cluster and --ssh name two clusters: give one");
            var outFile = parse.GetValue(output);
            CheckWritable(outFile);
            var (shell, name) = await OpenAsync(clusterName, sshTarget, parse.GetValue(key), parse.GetValue(port), ct);
            CapturedCluster captured;
            await using (shell)
                captured = await ClusterCapture.CaptureAsync(shell, name, parse.GetValue(minUid), parse.GetValue(maxUid), ct);
            var result = SeedWriter.Write(captured, EmbeddedCatalog.Default, parse.GetValue(region)!);
            var loaded = SeedLoader.LoadText(result.SeedYaml, outFile ?? "captured.yaml", EmbeddedCatalog.Default);
            if (!loaded.Ok)
                throw new InvalidOperationException("the captured seed does not validate (a petal bug):\n" + string.Join("\n", loaded.Errors));
            if (outFile is not null) await File.WriteAllTextAsync(outFile, result.SeedYaml, ct);
            if (CliOutput.IsJson(parse)) CliOutput.WriteJson(CaptureView.From(result, captured, outFile));
            else if (outFile is null) Console.Out.Write(result.SeedYaml);
            else WriteSummary(result, captured, outFile);
            return ExitCodes.Ok;
        });
        return [command];
    }

    private static Command Jobs()
    {
        var scripts = new Argument<string[]>("script") { Description = "Batch scripts (#SBATCH, #PBS or #$ directives)", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("-o", "--out") { Description = "Directory for the jobspecs (default: the current directory)" };
        var check = new Option<string?>("--check") { Description = "Say for each script whether this seed's cluster can run it, and why not" };
        var command = new Command("jobs", "Read batch scripts (Slurm, PBS, SGE directives and module loads) into garden jobspecs and what they need from a seed")
        {
            scripts, output, check,
        };
        command.SetAction(async (parse, ct) =>
        {
            var errors = new List<ScriptError>();
            var requests = new List<JobRequest>();
            foreach (var file in parse.GetValue(scripts)!)
            {
                if (!File.Exists(file)) { errors.Add(new ScriptError(file, 1, "no such file")); continue; }
                if (new FileInfo(file).Length > JobScriptReader.MaxBytes) { errors.Add(new ScriptError(file, 1, $"larger than {JobScriptReader.MaxBytes} bytes; is it a batch script?")); continue; }
                var read = JobScriptReader.Read(file, await File.ReadAllTextAsync(file, ct));
                errors.AddRange(read.Errors);
                if (read.Request is not null) requests.Add(read.Request);
            }
            Seed? seed = null;
            if (parse.GetValue(check) is { } seedFile)
            {
                var loaded = SeedLoader.Load(seedFile, EmbeddedCatalog.Default);
                if (!loaded.Ok) errors.AddRange(loaded.Errors.Select(e => new ScriptError(seedFile, e.Location?.Line ?? 1, e.Message)));
                seed = loaded.Seed;
            }
            if (errors.Count > 0) throw PetalException.Invalid(string.Join("\n", errors));
            var dir = parse.GetValue(output) ?? ".";
            if (!Directory.Exists(dir)) throw new UserInputException($"-o {dir}: no such directory");
            var jobs = requests.Select(JobspecWriter.Write).ToList();
            var written = new List<string>();
            foreach (var job in jobs)
            {
                var path = Path.Combine(dir, Path.GetFileNameWithoutExtension(job.Request.File) + ".jobspec.yaml");
                await File.WriteAllTextAsync(path, job.JobspecYaml, ct);
                written.Add(path);
            }
            var needs = JobCheck.Needs(jobs);
            var verdicts = seed is null ? null : JobCheck.Check(jobs, seed, EmbeddedCatalog.Default);
            if (CliOutput.IsJson(parse))
                CliOutput.WriteJson(new
                {
                    jobspecs = written, needs, verdicts,
                    notes = jobs.Select(j => new { file = j.Request.File, notes = j.Notes }),
                    guesses = jobs.SelectMany(j => j.Guesses.Select(g => new { file = j.Request.File, guess = g })),
                });
            else WriteJobs(written, jobs, needs, verdicts);
            return verdicts is null || verdicts.All(v => v.Runs) ? ExitCodes.Ok : ExitCodes.Failure;
        });
        return command;
    }

    private static async Task<(IClusterShell Shell, string Name)> OpenAsync(string? cluster, string? ssh, string? key, int port, CancellationToken ct)
    {
        if (cluster is not null)
        {
            var resolver = new TestTargetResolver(EmbeddedCatalog.Default, ClusterCommands.Registry(null));
            return ((await resolver.ResolveAsync(cluster, new ShellRequest(), ct)).Shell, cluster);
        }
        if (ssh is not null)
        {
            var at = ssh.IndexOf('@');
            if (at <= 0 || at == ssh.Length - 1) throw new UserInputException($"--ssh {ssh}: write it as USER@HOST");
            var host = ssh[(at + 1)..];
            var endpoint = SshEndpoint.For(host, port, ssh[..at], key, null);
            return (await SshClusterShell.ConnectAsync(endpoint, ct), host.Split('.')[0]);
        }
        return (new ThisMachineShell(), Environment.MachineName);
    }

    private static void CheckWritable(string? file)
    {
        if (file is not null && !Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(file))))
            throw new UserInputException($"-o {file}: its directory does not exist");
    }

    private static void WriteSummary(CaptureResult result, CapturedCluster captured, string outFile)
    {
        var con = CliOutput.Console;
        con.WriteLine($"Captured {captured.Name}: {result.Queues.Count} queue(s), {result.Mappings.Count} module(s), {captured.Users.Count} user(s) → {outFile}");
        foreach (var q in result.Queues)
            con.WriteLine($"  queue {q.Name} (partition {q.Partition}, {q.NodeCount} node(s)): " +
                          (q.Fits.Count == 0 ? "no instance type fits" : string.Join(", ", q.Fits.Select(f => $"{f.InstanceType} ${f.PricePerHour:0.####}/h"))));
        var unmapped = result.Mappings.Where(m => m.Spec is null).ToList();
        if (unmapped.Count > 0) con.WriteLine($"  not mapped to Spack ({unmapped.Count}): " + string.Join(", ", unmapped.Select(m => m.Module)));
        con.WriteLine($"  {result.Guesses.Count} guess(es), each marked GUESS in the seed: review them, then `petal validate {outFile}` and `petal plan {outFile}`");
    }

    private static void WriteJobs(IReadOnlyList<string> written, IReadOnlyList<CapturedJob> jobs, JobNeeds needs, IReadOnlyList<JobVerdict>? verdicts)
    {
        var con = CliOutput.Console;
        foreach (var path in written) con.WriteLine($"wrote {path}");
        foreach (var j in jobs)
        foreach (var guess in j.Guesses) con.WriteLine($"  GUESS    {j.Request.File}: {guess}");
        con.WriteLine($"The scripts need: up to {needs.MaxNodes} node(s) of {needs.MaxCoresPerNode} core(s)" +
                      (needs.MaxGpusPerNode > 0 ? $" and {needs.MaxGpusPerNode} GPU(s)" : "") +
                      (needs.MaxMemoryMbPerNode is { } mb ? $", {mb} MiB" : "") +
                      (needs.Packages.Count > 0 ? "; packages " + string.Join(", ", needs.Packages) : ""));
        if (needs.UnmappedModules.Count > 0) con.WriteLine("  modules with no Spack package: " + string.Join(", ", needs.UnmappedModules));
        if (verdicts is null) return;
        foreach (var v in verdicts)
            con.WriteLine(v.Runs ? $"  runs     {v.File} (queue {v.Queue})" : $"  CANNOT   {v.File}: {string.Join("; ", v.Reasons)}");
    }

    /// <summary>The JSON document of `petal capture --output json`.</summary>
    private sealed record CaptureView(string? SeedFile, string Cluster, string Os, IReadOnlyList<object> Queues,
        IReadOnlyList<ModuleMapping> Modules, IReadOnlyList<CapturedUser> Users, IReadOnlyList<string> Guesses, string Seed)
    {
        public static CaptureView From(CaptureResult r, CapturedCluster c, string? file) => new(file, c.Name, c.Os.PrettyName,
            r.Queues.Select(q => (object)new { name = q.Name, partition = q.Partition, is_default = q.IsDefault, node_count = q.NodeCount, shape = q.Shape, fits = q.Fits }).ToList(),
            r.Mappings, c.Users, r.Guesses, r.SeedYaml);
    }
}
