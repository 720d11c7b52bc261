using Petal.Verify.Transport;
using static Petal.Verify.Phases.PhaseContext;

namespace Petal.Verify.Phases;

/// <summary>
/// Phase 2: an MPI hello world compiled on the head node with the cluster's MPI module (mpicc) and run on
/// two nodes of one queue; every rank prints the node it ran on, and ranks on one node only is a failure.
/// </summary>
public static class Phase2
{
    public const int Nodes = 2;

    private const string HelloSource = """
        #include <mpi.h>
        #include <stdio.h>
        #include <stdlib.h>
        #include <unistd.h>
        int main(int argc, char **argv) {
          int rank, size; char host[256];
          MPI_Init(&argc, &argv);
          MPI_Comm_rank(MPI_COMM_WORLD, &rank);
          MPI_Comm_size(MPI_COMM_WORLD, &size);
          const char *node = getenv("SLURMD_NODENAME");
          if (!node) { gethostname(host, sizeof host); node = host; }
          printf("petal-rank %d of %d on %s\n", rank, size, node);
          MPI_Finalize();
          return 0;
        }
        """;

    public static async Task<IReadOnlyList<CheckResult>> RunAsync(PhaseContext ctx, CancellationToken cancellation)
    {
        var compileDef = new CheckDefinition("p2.mpi.compile", 2, CheckArea.Mpi, Importance.Must, "an MPI hello world compiles with the MPI module's mpicc");
        var runDef = new CheckDefinition("p2.mpi.run", 2, CheckArea.Mpi, Importance.Must, $"MPI ranks run on {Nodes} nodes and each reports its host");
        var mpi = ctx.Target.Packages.Select(SeedPackage.From).FirstOrDefault(p => p.Kind == PackageKind.Mpi);
        var queue = ctx.Queues.FirstOrDefault(q => q.MaxNodes >= Nodes);
        var skip = mpi is null ? "the seed has no MPI package"
            : queue is null ? $"no queue{(ctx.Queues.Count == 1 ? $" ({ctx.Queues[0].Name})" : "")} can give a job {Nodes} nodes (max_count < {Nodes})"
            : null;
        if (skip is not null) return [CheckResult.Skip(compileDef, CheckLocation.Head, skip), CheckResult.Skip(runDef, CheckLocation.Head, skip)];

        var module = mpi!.Name;
        var avail = await ctx.Shell.RunAsync(CheckCommands.ModuleAvail, TimeSpan.FromSeconds(60), cancellation);
        module = mpi.FindModule(avail.Combined) ?? module;
        var dir = ctx.WorkDir;
        var compile = $"module load {Q(module)} && mkdir -p {Q(dir)} && cat > {Q(dir + "/mpi_hello.c")} <<'PETAL_C_EOF'\n{HelloSource}\nPETAL_C_EOF\n" +
                      $"mpicc -o {Q(dir + "/mpi_hello")} {Q(dir + "/mpi_hello.c")}";
        var compiled = await ctx.OnHeadAsync(compileDef, compile, r => r.ExitCode == 0
            ? Judgement.Ok($"mpicc from {module} built mpi_hello") : Judgement.Bad($"mpicc from {module} failed (exit {r.ExitCode})"), cancellation);
        if (compiled.Verdict != Verdict.Pass)
            return [compiled, CheckResult.Skip(runDef, CheckLocation.Head, "mpi_hello did not compile")];

        // --export=NONE gives srun (and so mpirun's Slurm launcher) an empty environment unless unset (local-components.md §1.7);
        // Open MPI refuses root (the local twin's user) without its two opt-in variables.
        var script = new JobScript().Add(runDef.Id, "unset SLURM_EXPORT_ENV; " +
            "if [ \"$(id -u)\" = 0 ]; then export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1; fi; " +
            $"module load {Q(module)} && mpirun {Q(dir + "/mpi_hello")}");
        var job = await ctx.SubmitAsync(new BatchJob("p2-mpi", queue!.Name, script.Render(), Nodes: Nodes), cancellation);
        var run = FromSection(runDef, script, job, script.Parse(job.Output), queue.Name, s => RanksJudge(s.ExitCode, s.Output, Nodes));
        return [compiled, run with { Where = new CheckLocation(NodeRole.Compute, queue.Name, string.Join(",", job.Nodes)) }];
    }

    /// <summary>Every rank printed its node; at least <paramref name="nodes"/> distinct nodes.</summary>
    public static Judgement RanksJudge(int exitCode, string output, int nodes)
    {
        var ranks = output.Split('\n').Select(l => l.Trim().Split(' '))
            .Where(w => w.Length == 6 && w[0] == "petal-rank").Select(w => (Rank: w[1], Size: w[3], Node: w[5])).ToList();
        if (exitCode != 0) return Judgement.Bad($"mpirun failed (exit {exitCode}); {ranks.Count} rank(s) reported");
        if (ranks.Count == 0) return Judgement.Bad("no rank reported");
        var size = int.TryParse(ranks[0].Size, out var n) ? n : -1;
        if (ranks.Count != size) return Judgement.Bad($"{ranks.Count} of {size} ranks reported");
        var hosts = ranks.Select(r => r.Node).Distinct().Order().ToList();
        return hosts.Count >= nodes
            ? Judgement.Ok($"{size} ranks on {hosts.Count} nodes: {string.Join(", ", hosts)}")
            : Judgement.Bad($"all {size} ranks ran on {string.Join(", ", hosts)}: MPI did not spread across {nodes} nodes");
    }
}
