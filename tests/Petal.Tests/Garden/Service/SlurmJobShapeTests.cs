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
        Assert.Equal(["--nodes=2", "--ntasks=8", "--gres=gpu:1"], shape.SbatchOptions());
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
        Assert.DoesNotContain(shape.SbatchOptions(), o => o.StartsWith("--gres", StringComparison.Ordinal));
    }
}
