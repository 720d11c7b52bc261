using Petal.Tests.Local;
using Petal.Tests.Support;

namespace Petal.Tests.Cli;

/// <summary>
/// A new user's first hour end to end, through the real petal process: write a seed, validate it, plan it, look up
/// instance types, pick spot types into the seed as a queue, grow a twin, log in, test it (phases 1 and 3), delete it;
/// each step asserted on what the user reads.
/// </summary>
[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class FirstJourneyTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _name = TestNames.Unique("fj");

    private IReadOnlyDictionary<string, string> Env => new Dictionary<string, string> { ["PETAL_STATE_DIR"] = _dir.File("state") };

    private Task<PetalProcess.Result> Petal(params string[] args) => PetalProcess.RunAsync(args, Env, TimeSpan.FromSeconds(240));

    public void Dispose()
    {
        PetalProcess.RunAsync(["delete", _name, "--yes"], Env, TimeSpan.FromSeconds(120)).GetAwaiter().GetResult();
        _dir.Dispose();
    }

    [Fact]
    public async Task Seed_validate_plan_catalog_spot_queue_twin_ssh_test_delete()
    {
        var seed = TwinSeeds.OneQueueFile(_dir, "seed.yaml", _name, $"{_name}u", 2871, maxCount: 2);

        var validated = await Petal("validate", seed);
        Assert.True(validated.ExitCode == 0, validated.Stdout);
        Assert.Contains("0 errors", validated.Stdout);

        var planned = await Petal("plan", seed, "-o", _dir.File("plan"));
        Assert.True(planned.ExitCode == 0, planned.Stderr);
        Assert.Contains($"plan for {_name} (us-east-1) written to", planned.Stdout);
        Assert.Contains("spack target x86_64_v4", planned.Stdout);

        var catalog = await Petal("catalog", "list", "--family", "c6i");
        Assert.Contains(catalog.Stdout.Split('\n'), l => l.StartsWith("c6i.large\tx86_64\t2\t", StringComparison.Ordinal));

        // The spot queue goes into the seed as printed (one node at most, to keep the twin small).
        var queue = await Petal("spot", "select", "--seed", seed, "--vcpus", "2", "--max-interruption", "<5%", "--max", "2", "--as-queue", "spot");
        Assert.True(queue.ExitCode == 0, queue.Stderr);
        Assert.Contains("capacity: \"spot\"", queue.Stdout);
        var items = string.Join("\n", queue.Stdout.Split('\n').Skip(1).Where(l => l.Length > 0).Select(l => "  " + l))
            .Replace("max_count: 10", "max_count: 1");
        File.WriteAllText(seed, File.ReadAllText(seed).Replace("\nsoftware:", "\n" + items + "\nsoftware:"));
        Assert.Equal(0, (await Petal("validate", seed)).ExitCode);

        var created = await Petal("create", seed);
        Assert.True(created.ExitCode == 0, created.Stderr + created.Stdout);
        Assert.Contains(_name, created.Stdout);

        var sinfo = await Petal("ssh", _name, "--", "sinfo", "-h", "-o", "%P");
        Assert.True(sinfo.ExitCode == 0, sinfo.Stderr);
        Assert.Contains("compute*", sinfo.Stdout);
        Assert.Contains("spot", sinfo.Stdout);

        var phase1 = await Petal("test", _name, "--phase", "1");
        Assert.True(phase1.ExitCode == 0, phase1.Stdout + phase1.Stderr);
        Assert.Contains("Outcome A", phase1.Stdout);
        var phase3 = await Petal("test", _name, "--phase", "3");
        Assert.True(phase3.ExitCode == 0, phase3.Stdout + phase3.Stderr);

        var deleted = await Petal("delete", _name, "--yes");
        Assert.True(deleted.ExitCode == 0, deleted.Stderr);
        var list = await Petal("list");
        Assert.DoesNotContain(_name, list.Stdout);
    }
}
