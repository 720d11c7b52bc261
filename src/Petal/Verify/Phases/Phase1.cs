using Petal.Common;
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

        // Round trip 1: every head-node check in one login shell, one section each (docs/verify.md).
        var ids = new
        {
            Avail = "p1.head.module-avail", Sinfo = "p1.slurm.sinfo", Squeue = "p1.slurm.squeue", Users = "p1.users.head",
            Hostname = "p1.head.hostname", Load = "p1.head.load.", Version = "p1.head.version.",
        };
        var versioned = new[]
        {
            (PackageKind.Compiler, Importance.Must, "compiler"), (PackageKind.Python, Importance.Should, "python"), (PackageKind.Mpi, Importance.Should, "MPI"),
        }.Select(v => (v.Item1, v.Item2, v.Item3, Package: packages.FirstOrDefault(x => x.Kind == v.Item1))).ToList();
        var head = new JobScript().Add(ids.Avail, ModuleAvail, PhaseContext.HeadTimeout);
        foreach (var p in packages) head.AddPerModule($"{ids.Load}{p.Name}=", p.Name, ids.Avail, LoadWord(JobScript.ModuleWord), PhaseContext.HeadTimeout);
        foreach (var (_, _, what, p) in versioned)
            if (p is not null) head.AddPerModule($"{ids.Version}{what.ToLowerInvariant()}=", p.Name, ids.Avail, LoadAndReportWord(JobScript.ModuleWord, p.VersionCommand!), PhaseContext.HeadTimeout);
        head.Add(ids.Sinfo, "sinfo -h -o %R", PhaseContext.HeadTimeout).Add(ids.Squeue, "squeue", PhaseContext.HeadTimeout);
        if (t.Users.Count > 0) head.Add(ids.Users, Users(t.Users), PhaseContext.HeadTimeout);
        head.Add(ids.Hostname, "hostname -s", PhaseContext.HeadTimeout);
        ctx.Progress?.Report("phase 1: the head-node checks, in one session");
        var run = await ctx.Shell.RunAsync(head.Render(), head.Bound, cancellation);
        var sections = head.Parse(run.Stdout);

        CheckResult OnHead(CheckDefinition d, string section, string command, Func<CommandResult, Judgement> judge)
        {
            if (!sections.TryGetValue(section, out var s))
                return PhaseContext.Result(d, CheckLocation.Head, command, run.ExitCode, run.Combined, TimeSpan.Zero,
                    Judgement.Bad($"the head-node session ended (exit {run.ExitCode}) before this check ran"));
            return PhaseContext.Result(d, CheckLocation.Head, command, s.ExitCode, s.Output, s.Duration, judge(new CommandResult(s.ExitCode, s.Output, "")));
        }

        var headAvail = sections.TryGetValue(ids.Avail, out var availRun) ? availRun.Output : "";
        string ModuleOf(SeedPackage p) => p.FindModule(headAvail) ?? p.Name;
        checks.Add(OnHead(new CheckDefinition(ids.Avail, 1, CheckArea.HeadSoftware, Importance.Must, "module avail lists every seed package"),
            ids.Avail, ModuleAvail, r => AvailJudge(packages, r.ExitCode, r.Combined)));

        foreach (var p in packages)
        {
            var d = new CheckDefinition($"{ids.Load}{p.Name}", 1, CheckArea.HeadSoftware, Importance.Must, $"module load {ModuleOf(p)}");
            checks.Add(OnHead(d, JobScript.PerModuleId($"{ids.Load}{p.Name}=", ModuleOf(p)), Load(ModuleOf(p)), r => r.ExitCode == 0
                ? Judgement.Ok($"{ModuleOf(p)} loads") : Judgement.Bad($"module load {ModuleOf(p)} failed (exit {r.ExitCode})")));
        }

        var compiler = packages.FirstOrDefault(p => p.Kind == PackageKind.Compiler);
        foreach (var (_, importance, what, p) in versioned)
        {
            var id = $"{ids.Version}{what.ToLowerInvariant()}";
            var d = new CheckDefinition(id, 1, CheckArea.HeadSoftware, importance, $"the {what} reports the seed's version");
            checks.Add(p is null
                ? CheckResult.Skip(d, CheckLocation.Head, $"the seed has no {what} package")
                : OnHead(d, JobScript.PerModuleId(id + "=", ModuleOf(p)), LoadAndReport(ModuleOf(p), p.VersionCommand!), r => VersionJudge(p, r.ExitCode, r.Combined)));
        }

        var queues = ctx.Target.Queues.Select(q => q.Name).ToList();
        checks.Add(OnHead(new CheckDefinition(ids.Sinfo, 1, CheckArea.Slurm, Importance.Must, "sinfo shows every queue"), ids.Sinfo,
            "sinfo -h -o %R", r =>
            {
                var seen = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
                var missing = queues.Where(q => !seen.Contains(q)).ToList();
                return r.ExitCode != 0 ? Judgement.Bad($"sinfo failed (exit {r.ExitCode})")
                    : missing.Count > 0 ? Judgement.Bad("sinfo does not show " + string.Join(", ", missing))
                    : Judgement.Ok($"sinfo shows {string.Join(", ", queues)}");
            }));
        checks.Add(OnHead(new CheckDefinition(ids.Squeue, 1, CheckArea.Slurm, Importance.Must, "squeue works"), ids.Squeue,
            "squeue", r => r.ExitCode == 0 ? Judgement.Ok("squeue answers") : Judgement.Bad($"squeue failed (exit {r.ExitCode})")));

        var usersDef = new CheckDefinition(ids.Users, 1, CheckArea.Users, Importance.Must, "seed users exist with their uid/gid on the head node");
        checks.Add(t.Users.Count == 0
            ? CheckResult.Skip(usersDef, CheckLocation.Head, "the seed has no users")
            : OnHead(usersDef, ids.Users, Users(t.Users), r => UsersJudge(r.ExitCode, r.Combined)));

        // Round trip 2: one job per queue (one on a one-queue cluster), submitted and waited for in one shell.
        var headName = sections.TryGetValue(ids.Hostname, out var host) ? host.Output.Trim() : "";
        var first = true;
        foreach (var queue in ctx.Queues)
        {
            var (jobChecks, job, script) = await ComputeAsync(ctx, queue.Name, packages, compiler, ModuleOf, headName, cancellation);
            if (first)
            {
                var d = new CheckDefinition("p1.slurm.sbatch", 1, CheckArea.Slurm, Importance.Must, "an sbatch job completes and its output is read back");
                var read = script.Started(job.Output);
                checks.Add(PhaseContext.Result(d, CheckLocation.Head, $"sbatch -p {queue.Name} (job {job.JobId})", job.ExitCode, job.Output, job.Elapsed,
                    job.Completed && read ? Judgement.Ok($"job {job.JobId} completed on {string.Join(",", job.Nodes)} in {job.Elapsed.TotalSeconds:0.0} s")
                    : Judgement.Bad(job.JobId == "" ? "sbatch failed" : $"job {job.JobId} ended {job.State}{(read ? "" : ", no output read back")}")));
                first = false;
            }
            checks.AddRange(jobChecks);
        }
        return checks;
    }

    private static async Task<(List<CheckResult>, JobResult, JobScript)> ComputeAsync(PhaseContext ctx, string queue, List<SeedPackage> packages,
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
        var s = script.Parse(job.Output);
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
        return (checks, job, script);
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
