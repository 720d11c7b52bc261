using Petal.Verify.Transport;
using static Petal.Verify.Phases.CheckCommands;

namespace Petal.Verify.Phases;

/// <summary>
/// Phase 1 of the seed document: the software on the head node, Slurm, then the critical part, one job per
/// queue proving a compute node sees the software root, lists and loads the modules, and has the users.
/// </summary>
public static class Phase1
{
    public static async Task<IReadOnlyList<CheckResult>> RunAsync(PhaseContext ctx, CancellationToken cancellation)
    {
        var t = ctx.Target;
        var packages = t.Packages.Select(SeedPackage.From).ToList();
        var checks = new List<CheckResult>();

        var availDef = new CheckDefinition("p1.head.module-avail", 1, CheckArea.HeadSoftware, Importance.Must, "module avail lists every seed package");
        var (avail, availRun) = await ctx.OnHeadWithOutputAsync(availDef, ModuleAvail, r => AvailJudge(packages, r.ExitCode, r.Combined), cancellation);
        checks.Add(avail);
        var headAvail = availRun.Combined;
        string ModuleOf(SeedPackage p) => p.FindModule(headAvail) ?? p.Name;

        foreach (var p in packages)
        {
            var d = new CheckDefinition($"p1.head.load.{p.Name}", 1, CheckArea.HeadSoftware, Importance.Must, $"module load {ModuleOf(p)}");
            checks.Add(await ctx.OnHeadAsync(d, Load(ModuleOf(p)), r => r.ExitCode == 0
                ? Judgement.Ok($"{ModuleOf(p)} loads") : Judgement.Bad($"module load {ModuleOf(p)} failed (exit {r.ExitCode})"), cancellation));
        }

        var compiler = packages.FirstOrDefault(p => p.Kind == PackageKind.Compiler);
        foreach (var (kind, importance, what) in new[]
                 {
                     (PackageKind.Compiler, Importance.Must, "compiler"), (PackageKind.Python, Importance.Should, "python"),
                     (PackageKind.Mpi, Importance.Should, "MPI"),
                 })
        {
            var p = packages.FirstOrDefault(x => x.Kind == kind);
            var d = new CheckDefinition($"p1.head.version.{what.ToLowerInvariant()}", 1, CheckArea.HeadSoftware, importance,
                $"the {what} reports the seed's version");
            checks.Add(p is null
                ? CheckResult.Skip(d, CheckLocation.Head, $"the seed has no {what} package")
                : await ctx.OnHeadAsync(d, LoadAndReport(ModuleOf(p), p.VersionCommand!), r => VersionJudge(p, r.ExitCode, r.Combined), cancellation));
        }

        var queues = ctx.Target.Queues.Select(q => q.Name).ToList();
        checks.Add(await ctx.OnHeadAsync(new CheckDefinition("p1.slurm.sinfo", 1, CheckArea.Slurm, Importance.Must, "sinfo shows every queue"),
            "sinfo -h -o %R", r =>
            {
                var seen = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
                var missing = queues.Where(q => !seen.Contains(q)).ToList();
                return r.ExitCode != 0 ? Judgement.Bad($"sinfo failed (exit {r.ExitCode})")
                    : missing.Count > 0 ? Judgement.Bad("sinfo does not show " + string.Join(", ", missing))
                    : Judgement.Ok($"sinfo shows {string.Join(", ", queues)}");
            }, cancellation));
        checks.Add(await ctx.OnHeadAsync(new CheckDefinition("p1.slurm.squeue", 1, CheckArea.Slurm, Importance.Must, "squeue works"),
            "squeue", r => r.ExitCode == 0 ? Judgement.Ok("squeue answers") : Judgement.Bad($"squeue failed (exit {r.ExitCode})"), cancellation));

        var usersDef = new CheckDefinition("p1.users.head", 1, CheckArea.Users, Importance.Must, "seed users exist with their uid/gid on the head node");
        checks.Add(t.Users.Count == 0
            ? CheckResult.Skip(usersDef, CheckLocation.Head, "the seed has no users")
            : await ctx.OnHeadAsync(usersDef, Users(t.Users), r => UsersJudge(r.ExitCode, r.Combined), cancellation));

        var headName = (await ctx.Shell.RunAsync("hostname -s", TimeSpan.FromSeconds(30), cancellation)).Stdout.Trim();
        var first = true;
        foreach (var queue in ctx.Queues)
        {
            var (jobChecks, job) = await ComputeAsync(ctx, queue.Name, packages, compiler, ModuleOf, headName, cancellation);
            if (first)
            {
                var d = new CheckDefinition("p1.slurm.sbatch", 1, CheckArea.Slurm, Importance.Must, "an sbatch job completes and its output is read back");
                var read = job.Output.Contains("@@petal-begin", StringComparison.Ordinal);
                checks.Add(PhaseContext.Result(d, CheckLocation.Head, $"sbatch -p {queue.Name} (job {job.JobId})", job.ExitCode, job.Output, job.Elapsed,
                    job.Completed && read ? Judgement.Ok($"job {job.JobId} completed on {string.Join(",", job.Nodes)} in {job.Elapsed.TotalSeconds:0.0} s")
                    : Judgement.Bad(job.JobId == "" ? "sbatch failed" : $"job {job.JobId} ended {job.State}{(read ? "" : ", no output read back")}")));
                first = false;
            }
            checks.AddRange(jobChecks);
        }
        return checks;
    }

    private static async Task<(List<CheckResult>, JobResult)> ComputeAsync(PhaseContext ctx, string queue, List<SeedPackage> packages,
        SeedPackage? compiler, Func<SeedPackage, string> moduleOf, string headName, CancellationToken cancellation)
    {
        var t = ctx.Target;
        var ids = new
        {
            Node = $"p1.compute.{queue}.node", Root = $"p1.compute.{queue}.software-root", Avail = $"p1.compute.{queue}.module-avail",
            Compiler = $"p1.compute.{queue}.compiler", Users = $"p1.compute.{queue}.users",
        };
        var script = new JobScript()
            .Add(ids.Node, "echo \"SLURMD_NODENAME=${SLURMD_NODENAME:-} SLURM_JOB_PARTITION=${SLURM_JOB_PARTITION:-} hostname=$(hostname -s)\"")
            .Add(ids.Root, SoftwareRoot(t.SoftwareRoot))
            .Add(ids.Avail, ModuleAvail);
        if (compiler is not null) script.Add(ids.Compiler, LoadAndReport(moduleOf(compiler), compiler.VersionCommand!));
        if (t.Users.Count > 0) script.Add(ids.Users, Users(t.Users));

        var job = await ctx.SubmitAsync(new BatchJob($"p1-{queue}", queue, script.Render()), cancellation);
        var s = JobScript.Parse(job.Output);
        var where = new CheckLocation(NodeRole.Compute, queue, job.Nodes.FirstOrDefault());
        var checks = new List<CheckResult>
        {
            PhaseContext.FromSection(new(ids.Node, 1, CheckArea.ComputeSoftware, Importance.Must, $"the {queue} job runs on a compute node"),
                script, job, s, queue, x => OnComputeNode(x.Output, queue, job.Nodes, headName)),
            PhaseContext.FromSection(new(ids.Root, 1, CheckArea.ComputeSoftware, Importance.Must, $"{t.SoftwareRoot} is there on a {queue} node"),
                script, job, s, queue, x => x.ExitCode == 0 ? Judgement.Ok($"{t.SoftwareRoot} lists its content")
                    : Judgement.Bad($"{t.SoftwareRoot} is missing or empty on the compute node")),
            PhaseContext.FromSection(new(ids.Avail, 1, CheckArea.ComputeSoftware, Importance.Must, $"module avail on a {queue} node lists every seed package"),
                script, job, s, queue, x => AvailJudge(packages, x.ExitCode, x.Output)),
        };
        var compilerDef = new CheckDefinition(ids.Compiler, 1, CheckArea.ComputeSoftware, Importance.Must, $"the compiler loads and reports its version on a {queue} node");
        checks.Add(compiler is null ? CheckResult.Skip(compilerDef, where, "the seed has no compiler package")
            : PhaseContext.FromSection(compilerDef, script, job, s, queue, x => VersionJudge(compiler, x.ExitCode, x.Output)));
        var usersDef = new CheckDefinition(ids.Users, 1, CheckArea.Users, Importance.Must, $"seed users exist with their uid/gid on a {queue} node");
        checks.Add(t.Users.Count == 0 ? CheckResult.Skip(usersDef, where, "the seed has no users")
            : PhaseContext.FromSection(usersDef, script, job, s, queue, x => UsersJudge(x.ExitCode, x.Output)));
        return (checks, job);
    }

    /// <summary>The job ran under a slurmd of the queue's partition (SLURMD_NODENAME is one of its nodes), not on the head node.</summary>
    public static Judgement OnComputeNode(string output, string queue, IReadOnlyList<string> jobNodes, string headName)
    {
        string Field(string key) => output.Split(' ', '\n').FirstOrDefault(w => w.StartsWith(key + "=", StringComparison.Ordinal))?[(key.Length + 1)..] ?? "";
        var node = Field("SLURMD_NODENAME");
        var partition = Field("SLURM_JOB_PARTITION");
        if (node == "") return Judgement.Bad("SLURMD_NODENAME is empty: the job did not run under a compute node's slurmd");
        if (node == headName) return Judgement.Bad($"the job ran on the head node ({headName})");
        if (partition != queue || !jobNodes.Contains(node)) return Judgement.Bad($"the job ran on {node} in partition '{partition}', not on a {queue} node");
        return Judgement.Ok($"ran on compute node {node} of queue {queue}");
    }
}
