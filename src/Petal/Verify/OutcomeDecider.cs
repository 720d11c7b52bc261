using Petal.Seeds;

namespace Petal.Verify;

/// <summary>What the decision tree needs to know about the cluster besides the checks.</summary>
/// <param name="Provider">"local" (a twin: no image to rebuild, no NFS to debug) or "aws".</param>
public sealed record DecisionContext(SoftwareLayout Layout, string? SeedFile, string SoftwareRoot, string Provider = "aws");

/// <summary>
/// The seed document's verdict as a pure function: Outcome A when no must-have failed, B otherwise, and the
/// decision tree's recommendation for whatever failed (docs/verify.md lists the tree). Skipped checks are
/// neither passes nor failures; they are reported with their reason.
/// </summary>
public static class OutcomeDecider
{
    public static Outcome Decide(IEnumerable<CheckResult> checks) =>
        checks.Any(c => c.Importance == Importance.Must && c.Verdict == Verdict.Fail) ? Outcome.B : Outcome.A;

    public static IReadOnlyList<string> Recommend(DecisionContext ctx, IReadOnlyList<CheckResult> checks)
    {
        var failedMust = checks.Where(c => c.Importance == Importance.Must && c.Verdict == Verdict.Fail)
            .Select(c => c.Area).ToHashSet();
        var layout = LayoutName(ctx.Layout);
        var advice = new List<string>();
        if (failedMust.Count == 0)
        {
            advice.Add($"Outcome A: compute nodes can use the software; keep the {layout} layout.");
            var weak = checks.Where(c => c.Importance == Importance.Should && c.Verdict == Verdict.Fail).Select(c => c.Title).ToList();
            if (weak.Count > 0) advice.Add("Should-have checks failed (not blocking): " + string.Join("; ", weak) + ".");
            if (NotVerified(checks) is { } skipped) advice.Add(skipped);
            return advice;
        }
        if (ctx.Provider == "local" && (failedMust.Contains(CheckArea.HeadSoftware) || failedMust.Contains(CheckArea.ComputeSoftware)))
            advice.Add(TwinSoftware(ctx));
        else if (failedMust.Contains(CheckArea.HeadSoftware)) advice.Add(HeadSoftware(ctx));
        else if (failedMust.Contains(CheckArea.ComputeSoftware)) advice.Add(ComputeSoftware(ctx));
        advice.AddRange(AreaAdvice.Where(a => failedMust.Contains(a.Area)).Select(a => a.Advice));
        if (NotVerified(checks) is { } notVerified) advice.Add(notVerified);
        return advice.Prepend($"Outcome B: {string.Join(", ", failedMust.Order().Select(Describe))} failed.").ToList();
    }

    /// <summary>What to check when a must-have of an area other than the software failed, in the order it is advised.</summary>
    private static readonly (CheckArea Area, string Advice)[] AreaAdvice =
    [
        (CheckArea.Slurm,
            "Slurm does not work from the head node: check slurmctld on the head node (`systemctl status slurmctld`, " +
            "/var/log/slurmctld.log) and the queues' nodes (`sinfo -R` lists why nodes are down)."),
        (CheckArea.Users,
            "Seed users are missing or have other uid/gid on some nodes: files on /home and /shared will have the wrong owner. " +
            "Check the bootstrap's user creation on every node (OnNodeConfigured) and that no image defines the same names."),
        (CheckArea.Mpi,
            "MPI does not run across nodes: check that the queue's security group allows all traffic between its nodes, " +
            "that EFA/placement group settings match the instance types, and that the MPI module's launcher works under Slurm " +
            "(`srun --mpi=list`)."),
        (CheckArea.SharedStorage,
            "/shared or /home is not shared between the head and compute nodes: check the head node's NFS exports " +
            "(`exportfs -v`), port 2049 between head and compute nodes, and the compute nodes' mounts (`mount | grep nfs`)."),
        (CheckArea.S3,
            "An S3 mount is not readable (or not writable) on compute nodes: check the queue's IAM policy " +
            "(Iam.S3Access for the bucket, EnableWriteAccess for writable mounts) and the mount in the compute bootstrap log."),
    ];

    /// <summary>Skipped must-haves (a mount the twin does not emulate, ...) are not passes, whatever the outcome.</summary>
    private static string? NotVerified(IReadOnlyList<CheckResult> checks)
    {
        var unverified = checks.Where(c => c.Importance == Importance.Must && c.Verdict == Verdict.Skipped).ToList();
        return unverified.Count == 0 ? null
            : "Not verified: must-have checks were skipped, so they did not pass either: "
              + string.Join("; ", unverified.Select(c => $"{c.Title} ({c.Reason})")) + ".";
    }

    /// <summary>A twin has no image or NFS export: its nodes see the twin's software folder through their mount namespaces.</summary>
    private static string TwinSoftware(DecisionContext ctx) =>
        $"The twin's nodes do not see the software at {ctx.SoftwareRoot}: each twin node mounts the twin's software folder there in its own " +
        $"mount namespace when the twin starts. Check `petal status` for nodes that are down, then grow the twin again " +
        $"(`petal delete NAME`, `petal create {Seed(ctx)}`; docs/local-twin.md).";

    private static string HeadSoftware(DecisionContext ctx) => ctx.Layout switch
    {
        SoftwareLayout.Ami =>
            $"The software is missing on the head node too, so the AMI does not hold it: rebuild the image (`petal ami build {Seed(ctx)}`) " +
            "and create the cluster with the new --custom-ami.",
        SoftwareLayout.Snapshot =>
            $"The software volume is empty or not mounted on the head node: check the SharedStorage volume with the SnapshotId is " +
            $"mounted at /shared, and rebuild the snapshot if it lacks {ctx.SoftwareRoot}.",
        _ =>
            $"The software is not installed on the head node: the install at head node boot failed or has not finished. Check the " +
            $"completion marker {ctx.SoftwareRoot}/.petal-complete and the bootstrap log (/var/log/parallelcluster/), then run the tests again.",
    };

    private static string ComputeSoftware(DecisionContext ctx) => ctx.Layout switch
    {
        SoftwareLayout.Ami =>
            $"Compute nodes do not see {ctx.SoftwareRoot}: they did not boot the image that holds the software. Either give every queue " +
            $"the custom AMI, or serve the software over NFS instead: `petal plan {Seed(ctx)} --layout snapshot` (fast, official AMI) " +
            $"or `petal plan {Seed(ctx)} --layout shared`.",
        SoftwareLayout.Snapshot =>
            $"Compute nodes do not see {ctx.SoftwareRoot}: check that the head node exports /shared (`exportfs -v`), that port 2049 is " +
            $"open between head and compute nodes, and that the compute nodes mount it (`mount | grep /shared`). If NFS cannot serve " +
            $"it, bake it into the image: `petal plan {Seed(ctx)} --layout ami`.",
        _ =>
            $"Compute nodes do not see {ctx.SoftwareRoot}: check that the head node exports /shared (`exportfs -v`), that port 2049 is " +
            $"open between head and compute nodes, and that the install finished (completion marker {ctx.SoftwareRoot}/.petal-complete) " +
            $"before the compute nodes started. If NFS cannot serve it, bake it into the image: `petal plan {Seed(ctx)} --layout ami`.",
    };

    private static string Seed(DecisionContext ctx) => ctx.SeedFile ?? "SEED";

    public static string LayoutName(SoftwareLayout layout) => layout.ToString().ToLowerInvariant();

    private static string Describe(CheckArea area) => area switch
    {
        CheckArea.HeadSoftware => "software on the head node",
        CheckArea.ComputeSoftware => "software on compute nodes",
        CheckArea.Slurm => "Slurm",
        CheckArea.Users => "users",
        CheckArea.Mpi => "MPI across nodes",
        CheckArea.SharedStorage => "shared storage",
        CheckArea.S3 => "S3 mounts",
        _ => area.ToString(),
    };
}
