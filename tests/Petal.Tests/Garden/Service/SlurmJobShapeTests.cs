using Petal.Garden.Jobspecs;
using Petal.Garden.Service.Agent;

namespace Petal.Tests.Garden.Service;

public sealed class SlurmJobShapeTests
{
    [Fact]
    public void Compact_jobs_ask_for_their_nodes_one_task_per_core_and_gpus_per_node()
    {
        var shape = SlurmJobShape.From(JobspecReader.Parse("nodes: 2\ntasks: 8\ngpus: 1\ncommand: [hostname]\n", "j"));
        Assert.Equal(new SlurmJobShape(2, 8, 1), shape);
        Assert.Equal(["--parsable", "--job-name=g", "--nodes=2", "--ntasks=8", "--gres=gpu:1", "--partition=a,b", "--output=/w/g.out", "--chdir=/w"],
            shape.Request("g", null, ["a", "b"], "/w", "/w/g.out").SbatchOptions());
    }

    [Fact]
    public void Nextgen_counts_multiply_down_the_tree()
    {
        var spec = JobspecReader.Parse("""
            version: 1
            resources:
              - type: node
                count: 2
                with:
                  - type: socket
                    count: 2
                    with:
                      - {type: core, count: 4}
            tasks:
              - command: [app]
                slot: default
                count: {per_slot: 1}
            """, "n");
        var shape = SlurmJobShape.From(spec);
        Assert.Equal(new SlurmJobShape(2, 16, 0), shape);
        Assert.DoesNotContain(shape.Request("n", null, [], "/w", "/w/n.out").SbatchOptions(), o => o.StartsWith("--gres", StringComparison.Ordinal));
    }

    /// <summary>Tasks, cores per task, memory, GPUs and time as the compact jobspec says them, over seeded random shapes.</summary>
    [Fact]
    public void Compact_shapes_map_exactly_to_sbatch()
    {
        var random = new Random(2026);
        for (var i = 0; i < 300; i++)
        {
            int nodes = random.Next(1, 5), tasks = random.Next(1, 17), cores = random.Next(1, 9), gpus = random.Next(0, 3), mib = random.Next(0, 3) * 1536;
            var text = $"nodes: {nodes}\ntasks: {tasks}\ncores_per_task: {cores}\ngpus: {gpus}\n"
                + (mib > 0 ? $"memory_per_node: {mib}MiB\n" : "") + "walltime: 90s\ncommand: [app]\n";
            var shape = SlurmJobShape.From(JobspecReader.Parse(text, "j"));
            var options = shape.Request("j", TimeSpan.FromSeconds(90), ["q"], "/w", "/w/j.out").SbatchOptions();
            Assert.Contains($"--nodes={nodes}", options);
            Assert.Contains($"--ntasks={tasks}", options);
            Assert.Equal(cores > 1, options.Contains($"--cpus-per-task={cores}"));
            Assert.Equal(gpus > 0, options.Contains($"--gres=gpu:{gpus}"));
            Assert.Equal(mib > 0, options.Contains($"--mem={mib}M"));
            Assert.Contains("--time=2", options);
        }
    }
}
