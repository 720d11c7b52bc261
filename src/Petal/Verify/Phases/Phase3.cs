using Petal.Verify.Transport;
using static Petal.Verify.Phases.PhaseContext;

namespace Petal.Verify.Phases;

/// <summary>
/// Phase 3: data. Every S3 mount readable on a compute node (writable unless read-only), every shared-storage mount
/// directory readable and writable there; /shared and /home
/// visible from compute nodes, with a file written on the head node read on a compute node and back.
/// </summary>
public static class Phase3
{
    public static async Task<IReadOnlyList<CheckResult>> RunAsync(PhaseContext ctx, string runId, CancellationToken cancellation)
    {
        var t = ctx.Target;
        var queue = ctx.Queues[0].Name;
        // A directory each user can write: /shared and /home themselves for root, else made with sudo (ParallelCluster's
        // default users have it) or the user's own home.
        var shared = $"/shared/.petal-test-{runId}";
        var home = $"/home/.petal-test-{runId}";
        var prepare = $"for d in {Q(shared)} {Q(home)}; do mkdir -p \"$d\" 2>/dev/null || sudo -n install -d -o \"$(id -u)\" \"$d\"; done; " +
                      $"[ -w {Q(home)} ] || {{ echo 'cannot write under /home' >&2; exit 1; }}; " +
                      $"echo {Q(runId)} > {Q(shared + "/from-head")} && echo {Q(runId)} > {Q(home + "/from-head")}";
        var prepared = await ctx.Shell.RunAsync(prepare, TimeSpan.FromSeconds(30), cancellation);

        var script = new JobScript();
        string Exchange(string dir) =>
            $"ls -la {Q(Path.GetDirectoryName(dir)!)} >/dev/null && [ \"$(cat {Q(dir + "/from-head")})\" = {Q(runId)} ] && " +
            $"echo {Q(runId)} > {Q(dir + "/from-compute")} && echo \"read from-head, wrote from-compute in {dir}\"";
        var sharedDef = new CheckDefinition("p3.storage.shared", 3, CheckArea.SharedStorage, Importance.Must, "/shared is shared: head → compute → head");
        var homeDef = new CheckDefinition("p3.storage.home", 3, CheckArea.SharedStorage, Importance.Must, "/home is shared: head → compute → head");
        script.Add(sharedDef.Id, Exchange(shared)).Add(homeDef.Id, Exchange(home));

        // Every S3 mount and shared-storage volume of the seed, read (and written unless read-only) from a compute node;
        // one the cluster does not have (a twin that could not emulate it) is skipped with why, which is not a pass.
        var mountDefs = t.S3Mounts.Select((m, i) => (Dir: m.MountPoint, Write: !m.ReadOnly,
                Def: new CheckDefinition($"p3.s3.{i + 1}", 3, CheckArea.S3, Importance.Must,
                    $"s3://{m.Bucket} is readable{(m.ReadOnly ? "" : " and writable")} at {m.MountPoint}")))
            .Concat(t.StorageMounts.Select((dir, i) => (Dir: dir, Write: true,
                Def: new CheckDefinition($"p3.mount.{i + 1}", 3, CheckArea.SharedStorage, Importance.Must,
                    $"{dir} is mounted, readable and writable{(Seeds.Rules.MountDirs.Key(dir) == Seeds.Rules.ReservedNames.Home ? " (in the user's home on it)" : "")}"))))
            .ToList();
        foreach (var (dir, write, d) in mountDefs)
            if (t.NotEmulated(dir) is null)
                script.Add(d.Id, $"test -d {Q(dir)} && ls {Q(dir)} | head -5" + (!write ? ""
                    // A shared /home is root's, as /home always is: a user writes in their own home on it (root in /home).
                    : Seeds.Rules.MountDirs.Key(dir) == Seeds.Rules.ReservedNames.Home
                        ? $" && d=\"$HOME\" && case \"$d\" in /home/*) ;; *) d=/home ;; esac && f=\"$d\"/{Q(".petal-test-" + runId + ".mount")} && echo ok > \"$f\" && rm -f \"$f\""
                        : $" && f={Q(dir.TrimEnd('/') + "/.petal-test-" + runId)} && echo ok > \"$f\" && rm -f \"$f\""));

        var checks = new List<CheckResult>();
        if (prepared.ExitCode != 0)
        {
            checks.Add(Result(sharedDef, CheckLocation.Head, prepare, prepared.ExitCode, prepared.Combined, TimeSpan.Zero,
                Judgement.Bad("could not write the test files on the head node")));
            checks.Add(CheckResult.Skip(homeDef, CheckLocation.Head, "the head node could not write its test files"));
        }
        var job = await ctx.SubmitAsync(new BatchJob("p3-data", queue, script.Render()), cancellation);
        var sections = script.Parse(job.Output);
        if (prepared.ExitCode == 0)
            foreach (var (d, dir) in new[] { (sharedDef, shared), (homeDef, home) })
            {
                var back = await ctx.Shell.RunAsync($"cat {Q(dir + "/from-compute")}", TimeSpan.FromSeconds(30), cancellation);
                checks.Add(FromSection(d, script, job, sections, queue, s =>
                    s.ExitCode != 0 ? Judgement.Bad($"the compute node did not read the head node's file in {dir}")
                    : back.Stdout.Trim() != runId ? Judgement.Bad($"the head node does not see the compute node's file in {dir}")
                    : Judgement.Ok($"{dir} is the same directory on the head node and {job.Nodes.FirstOrDefault()}")));
            }
        foreach (var (dir, write, d) in mountDefs)
        {
            var what = write ? "readable and writable" : "readable";
            var standIn = t.Emulated(dir) is { } how ? $" ({how})" : "";
            checks.Add(t.NotEmulated(dir) is { } why ? CheckResult.Skip(d, new CheckLocation(NodeRole.Compute, queue), why)
                : FromSection(d, script, job, sections, queue, s => s.ExitCode == 0
                    ? Judgement.Ok($"{dir} is {what}{standIn}")
                    : Judgement.Bad($"{dir} is not {what} on the compute node{standIn}")));
        }
        if (t.S3Mounts.Count == 0)
            checks.Add(CheckResult.Skip(new CheckDefinition("p3.s3", 3, CheckArea.S3, Importance.Must, "every S3 mount is readable on a compute node"),
                new CheckLocation(NodeRole.Compute, queue), "the seed has no S3 mounts"));

        await ctx.Shell.RunAsync($"rm -rf {Q(shared)} {Q(home)} 2>/dev/null || sudo -n rm -rf {Q(shared)} {Q(home)}", TimeSpan.FromSeconds(30), cancellation);
        return checks;
    }
}
