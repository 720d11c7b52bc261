using Petal.Slurm;

namespace Petal.Tests.Slurm;

/// <summary>One parse of Slurm's node and job states for every caller (scontrol's '+' flags, sinfo's suffix symbols).</summary>
public sealed class SlurmStateTests
{
    [Theory]
    [InlineData("IDLE", NodeBase.Idle, NodeFlags.None, true)]
    [InlineData("ALLOCATED+CLOUD", NodeBase.Allocated, NodeFlags.Cloud, true)]
    [InlineData("MIXED+CLOUD", NodeBase.Mixed, NodeFlags.Cloud, true)]
    [InlineData("IDLE+CLOUD+POWERED_DOWN", NodeBase.Idle, NodeFlags.Cloud | NodeFlags.PoweredDown, false)]
    [InlineData("IDLE+CLOUD+POWERING_UP", NodeBase.Idle, NodeFlags.Cloud | NodeFlags.PoweringUp, false)]
    [InlineData("IDLE+POWERING_DOWN", NodeBase.Idle, NodeFlags.PoweringDown, false)]
    [InlineData("IDLE+POWER_DOWN", NodeBase.Idle, NodeFlags.PowerDownPending, false)]
    [InlineData("DOWN+CLOUD+NOT_RESPONDING", NodeBase.Down, NodeFlags.Cloud | NodeFlags.NotResponding, false)]
    [InlineData("IDLE+DRAIN", NodeBase.Idle, NodeFlags.Drain, false)]
    [InlineData("MIXED+DRAIN", NodeBase.Mixed, NodeFlags.Drain, false)]
    [InlineData("FUTURE", NodeBase.Future, NodeFlags.None, false)]
    public void Scontrol_states_parse_to_base_and_flags(string text, NodeBase expectedBase, NodeFlags flags, bool up)
    {
        var state = NodeState.FromScontrol(text);
        Assert.Equal(new NodeState(expectedBase, flags), state);
        Assert.Equal(up, state.Up);
        // Its lowercase form is scontrol's own, read back the same.
        Assert.Equal(state, NodeState.FromScontrol(state.ToString()));
    }

    [Theory]
    [InlineData("idle", true, false, false)]
    [InlineData("allocated", true, false, false)]
    [InlineData("mixed", true, false, false)]
    [InlineData("idle~", false, false, false)]
    [InlineData("allocated#", false, false, false)]
    [InlineData("idle%", false, false, false)]
    [InlineData("idle!", false, false, false)]
    [InlineData("down*", false, false, false)]
    [InlineData("drained", false, true, false)]
    [InlineData("draining", false, false, true)]
    public void Sinfo_long_forms_parse_to_the_same_states(string text, bool up, bool drained, bool draining)
    {
        var state = NodeState.FromSinfo(text);
        Assert.Equal((up, drained, draining), (state.Up, state.Drained, state.Draining));
    }

    [Fact]
    public void Sinfo_suffixes_mean_what_scontrol_flags_mean()
    {
        Assert.Equal(NodeState.FromScontrol("IDLE+POWERED_DOWN"), NodeState.FromSinfo("idle~"));
        Assert.Equal(NodeState.FromScontrol("ALLOCATED+POWERING_UP"), NodeState.FromSinfo("allocated#"));
        Assert.Equal(NodeState.FromScontrol("IDLE+POWERING_DOWN"), NodeState.FromSinfo("idle%"));
        Assert.Equal(NodeState.FromScontrol("DOWN+NOT_RESPONDING"), NodeState.FromSinfo("down*"));
    }

    [Theory]
    [InlineData("PENDING", JobState.Pending, false, true)]
    [InlineData("REQUEUED", JobState.Requeued, false, true)]
    [InlineData("RUNNING", JobState.Running, false, false)]
    [InlineData("COMPLETED", JobState.Completed, true, false)]
    [InlineData("NODE_FAIL", JobState.NodeFail, true, false)]
    [InlineData("OUT_OF_MEMORY", JobState.OutOfMemory, true, false)]
    [InlineData("SOMETHING_NEW", JobState.Unknown, false, false)]
    public void Job_states_are_typed(string text, JobState state, bool finished, bool queued)
    {
        var job = SlurmJob.Parse("3", $"JobId=3 JobName=x JobState={text} Reason=None ExitCode=0:0 NodeList=(null)")!;
        Assert.Equal((state, finished, queued), (job.State, job.Finished, job.Queued));
        Assert.Empty(job.Nodes);
    }

    [Fact]
    public void A_bash_runner_quotes_every_word_and_pipes_the_input()
    {
        var line = BashCommandRunner.Line(["sbatch", "--job-name=a b", "--output=/x/$(rm -rf ~)"], "#!/bin/bash\necho 'hi'\n");
        Assert.Equal("printf %s '#!/bin/bash\necho '\\''hi'\\''\n' | 'sbatch' '--job-name=a b' '--output=/x/$(rm -rf ~)'", line);
    }

    [Fact]
    public void A_request_without_a_shape_leaves_it_to_the_scripts_own_directives()
    {
        var bare = new SlurmJobRequest { Nodes = null, Tasks = null, Requeue = true, Partitions = ["spot"], Output = "/w/j.out" };
        Assert.Equal(["--parsable", "--partition=spot", "--output=/w/j.out", "--requeue"], bare.SbatchOptions());

        var perNode = new SlurmJobRequest { Name = "petal-t", Nodes = 2, TasksPerNode = 3, Partitions = ["q"], ExportNone = true };
        Assert.Equal(["--parsable", "--job-name=petal-t", "--nodes=2", "--ntasks-per-node=3", "--partition=q", "--export=NONE"], perNode.SbatchOptions());
        Assert.DoesNotContain(perNode.SbatchOptions(), o => o.StartsWith("--ntasks=", StringComparison.Ordinal));
    }
}
