using Petal.Providers;
using Petal.Slurm;
using Petal.Spot.Runs;

namespace Petal.Tests.Spot;

public class RunMonitorTests
{
    private static readonly DateTimeOffset T = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Scontrol_job_line_and_host_lists_parse()
    {
        var job = SlurmJob.Parse("7", "JobId=7 JobName=x JobState=RUNNING Reason=None Restarts=2 StartTime=2026-11-23T10:57:46 EndTime=Unknown NodeList=spot-dy-c5-[1-2,04] BatchHost=spot-dy-c5-1");
        Assert.NotNull(job);
        Assert.Equal(JobState.Running, job.State);
        Assert.Equal(2, job.Restarts);
        Assert.Equal(["spot-dy-c5-1", "spot-dy-c5-2", "spot-dy-c5-04"], job.Nodes);
        Assert.Equal(new DateTime(2026, 11, 23, 10, 57, 46), job.StartedAt!.Value.DateTime);
        Assert.Null(job.EndedAt);
        Assert.False(job.Finished);
        Assert.Equal(["a-1", "b-st-x-3", "b-st-x-4"], Petal.Common.SlurmText.ExpandHostList("a-1,b-st-x-[3-4]"));
    }

    [Fact]
    public void A_reclaim_is_recorded_once_at_the_first_time_seen_gone_with_its_replacement()
    {
        var progress = new BatchProgress { Experiment = "e", Batch = 1, StartedAt = T };
        var monitor = new IterationMonitor(progress, "us-east-1");
        SlurmJob Job(string state, params string[] nodes) => new("1", SlurmJob.ParseState(state), state, nodes, "0:0", null, null, 0);
        ComputeNode Node(string name, string type, bool up) => new(name, type, "us-east-1a", up);

        monitor.Observe([Node("n1", "c6i.large", true)], Job("RUNNING", "n1"), 1, T);
        monitor.Observe([Node("n1", "c6i.large", false)], Job("PENDING"), 1, T.AddSeconds(10));
        monitor.Observe([Node("n1", "c6i.large", false)], Job("PENDING"), 1, T.AddSeconds(20));   // still gone: not a new time
        monitor.Observe([Node("n1", "m6i.large", true)], Job("RUNNING", "n1"), 1, T.AddSeconds(40));
        monitor.Observe([Node("n1", "m6i.large", true)], Job("COMPLETED", "n1"), 1, T.AddSeconds(50));

        var reclaim = Assert.Single(progress.Reclaims);
        Assert.Equal(T.AddSeconds(10), reclaim.SeenGoneAt);
        Assert.Equal(("n1", "c6i.large", 1), (reclaim.Node, reclaim.InstanceType, reclaim.Iteration));
        Assert.Equal(("n1", "m6i.large"), (reclaim.ReplacementNode, reclaim.ReplacementType));
        Assert.Equal(2, progress.Topology.Count);
        Assert.Equal(T.AddSeconds(10), progress.Topology[0].GoneAt);
        Assert.Equal(T.AddSeconds(40), progress.Topology[1].FirstSeen);
        var hours = IterationMonitor.Lifetimes(progress.Topology, T.AddSeconds(3640)).Select(x => x.Hours).ToList();
        Assert.Equal([10 / 3600.0, 1.0], hours);
    }

    [Fact]
    public void A_node_reclaimed_and_relaunched_between_two_samples_is_a_reclaim_with_its_replacement()
    {
        var progress = new BatchProgress { Experiment = "e", Batch = 1, StartedAt = T };
        var monitor = new IterationMonitor(progress, "local");
        var running = new SlurmJob("1", JobState.Running, "RUNNING", ["n1"], "0:0", null, null, 0);
        monitor.Observe([new ComputeNode("n1", "t3.nano", "local", true, "i-1")], running, 1, T);
        // A busy sampler never saw n1 down: the same name is up again, as another instance.
        monitor.Observe([new ComputeNode("n1", "t3.micro", "local", true, "i-2")], running with { Restarts = 1 }, 1, T.AddSeconds(30));
        var reclaim = Assert.Single(progress.Reclaims);
        Assert.Equal(("n1", "t3.nano", (int?)1), (reclaim.Node, reclaim.InstanceType, reclaim.Iteration));
        Assert.Equal(("n1", "t3.micro"), (reclaim.ReplacementNode, reclaim.ReplacementType));
        Assert.Equal([T.AddSeconds(30), (DateTimeOffset?)null], progress.Topology.Select(n => n.GoneAt));
        // The same instance seen again is not a relaunch.
        monitor.Observe([new ComputeNode("n1", "t3.micro", "local", true, "i-2")], running with { Restarts = 1 }, 1, T.AddSeconds(60));
        Assert.Single(progress.Reclaims);
        Assert.Equal(2, progress.Topology.Count);
    }

    [Fact]
    public void A_node_going_idle_away_between_jobs_is_not_a_reclaim()
    {
        var progress = new BatchProgress { Experiment = "e", Batch = 1, StartedAt = T };
        var monitor = new IterationMonitor(progress, "local");
        monitor.Observe([new ComputeNode("n1", "t3.nano", "local", true)], new SlurmJob("1", JobState.Completed, "COMPLETED", ["n1"], "0:0", null, null, 0), 1, T);
        monitor.Observe([new ComputeNode("n1", "t3.nano", "local", false)], new SlurmJob("2", JobState.Pending, "PENDING", [], "0:0", null, null, 0), 2, T.AddSeconds(60));
        Assert.Empty(progress.Reclaims);
        Assert.NotNull(progress.Topology[0].GoneAt);
    }

    [Theory]
    [InlineData("idle", true)]
    [InlineData("allocated", true)]
    [InlineData("mixed", true)]
    [InlineData("idle~", false)]
    [InlineData("allocated#", false)]
    [InlineData("idle%", false)]
    [InlineData("down*", false)]
    [InlineData("drained", false)]
    public void Twin_node_states_map_to_up(string state, bool up) => Assert.Equal(up, NodeState.FromSinfo(state).Up);
}
