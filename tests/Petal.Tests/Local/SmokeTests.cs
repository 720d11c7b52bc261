using Petal.Slurm;
using Petal.Providers.Local;
using Petal.Seeds;
using Petal.Tests.Support;

namespace Petal.Tests.Local;

[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class SmokeTests
{
    [Fact]
    public async Task One_queue_twin_comes_up_with_static_nodes_idle()
    {
        await using var h = await TwinHandle.CreateAsync("smoke", TwinSeeds.Make(SoftwareLayout.Ami, [TwinSeeds.Queue("compute", "c5.large", 2, 4)]));
        var states = await h.Twin.NodeStatesAsync();
        Assert.True(states["compute-st-c5-large-1"].Ready, states["compute-st-c5-large-1"].ToString());
        Assert.True(states["compute-st-c5-large-2"].Ready, states["compute-st-c5-large-2"].ToString());
        Assert.True(states["compute-dy-c5-large-1"] is { Base: NodeBase.Idle, PoweredDown: true }, states["compute-dy-c5-large-1"].ToString());
    }
}
