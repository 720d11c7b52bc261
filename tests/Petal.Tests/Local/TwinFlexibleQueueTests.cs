using Petal.Verify.Transport;
using Petal.Providers;
using Petal.Providers.Local;
using Petal.Seeds;
using Petal.Spot.Runs;
using Petal.Tests.Support;

namespace Petal.Tests.Local;

/// <summary>
/// A spot queue reconfigured to two instance types on a real twin (slurmctld, slurmd, munge): a two-node job powers
/// up two nodes through the real ResumeProgram, and they launch as different listed types.
/// </summary>
[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class TwinFlexibleQueueTests(Xunit.Abstractions.ITestOutputHelper log)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Two_nodes_of_a_two_type_queue_launch_as_different_types_reported_until_they_power_down()
    {
        var seed = TwinSeeds.Make(SoftwareLayout.Ami, [TwinSeeds.Queue("spot", "c5.large", 0, 2)], packages: []);
        await using var h = await TwinHandle.CreateAsync("flex", seed, new LocalCreateOptions { SuspendTimeSeconds = 5 });
        await using var cluster = await SpotCluster.OpenAsync(new ClusterRegistry(new SmallCatalog()).Open(h.Name), new ShellRequest(), "us-east-1", false, null, CancellationToken.None);
        string[] types = ["c5.large", "t3.micro"];

        await cluster.ConfigureQueueAsync("spot", types, CancellationToken.None);

        // Slurm's view: the smaller shape of the two (t3.micro's 1024 MiB), features naming both types.
        var node = await h.Twin.RunOnHeadAsync("scontrol show node -o spot-dy-c5-large-1");
        Assert.Contains("CPUTot=2 ", node.Stdout);
        Assert.Contains("RealMemory=1024 ", node.Stdout);
        Assert.Contains("AvailableFeatures=dynamic,c5.large,t3.micro ", node.Stdout);
        Assert.All(h.Twin.Nodes, n => Assert.Equal(types, n.InstanceTypes));

        var submit = await h.Twin.RunOnHeadAsync("sbatch --parsable -p spot -N 2 -o /dev/null --wrap 'sleep 300'");
        Assert.True(submit.ExitCode == 0, submit.Stderr);
        var job = submit.Stdout.Trim();
        try
        {
            var up = await WaitForAsync(async () => (await cluster.NodesAsync("spot", CancellationToken.None)).Where(n => n.Up).ToList(), n => n.Count == 2);
            log.WriteLine(string.Join(", ", up.Select(n => $"{n.Name}={n.InstanceType}")));
            Assert.Equal(types, up.Select(n => n.InstanceType).Order(StringComparer.Ordinal));

            var launches = h.Twin.Launches();
            Assert.Equal(up.ToDictionary(n => n.Name, n => n.InstanceType), launches.ToDictionary(l => l.Key, l => l.Value.InstanceType));
            Assert.All(launches.Values, l => Assert.InRange(l.LaunchedAt, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddSeconds(1)));

            var status = await h.Provider.StatusAsync(h.Name, CancellationToken.None);
            Assert.Equal(up.ToDictionary(n => n.Name, n => n.InstanceType),
                status!.Nodes.Where(n => n.LaunchedAt is not null).ToDictionary(n => n.Name, n => n.InstanceType));
        }
        finally
        {
            await h.Twin.RunOnHeadAsync($"scancel {job}");
        }

        // Powered down (SuspendTime 5 s), the instances are gone: no launch records, nodes back to their first type.
        await WaitForAsync(() => Task.FromResult(h.Twin.Launches()), l => l.Count == 0);
        Assert.All(await cluster.NodesAsync("spot", CancellationToken.None), n => Assert.Equal("c5.large", n.InstanceType));
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTimeOffset.UtcNow + Timeout;
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (DateTimeOffset.UtcNow > deadline) throw new TimeoutException($"not reached within {Timeout.TotalSeconds} s: {System.Text.Json.JsonSerializer.Serialize(value)}");
            await Task.Delay(250);
        }
    }
}
