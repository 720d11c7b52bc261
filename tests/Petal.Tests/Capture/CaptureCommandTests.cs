using System.Text.Json;
using Petal.Catalog;
using Petal.Providers.Local;
using Petal.Seeds;
using Petal.Tests.Local;
using Petal.Tests.Support;

namespace Petal.Tests.Capture;

/// <summary>`petal capture` as a user runs it: on this machine (default), on a twin by `--cluster`, and refusing a
/// PBS or SGE cluster.</summary>
public sealed class CaptureCommandTests
{
    /// <summary>
    /// Stand-ins for the client commands of PBS and SGE (neither scheduler runs here): tiny scripts in the only PATH
    /// directory of the login shell capture opens (set by ~/.bash_profile of a scratch HOME), so scontrol is absent.
    /// </summary>
    [Theory]
    [InlineData("pbsnodes,qstat", "this machine runs PBS, which petal capture does not support yet (only Slurm)")]
    [InlineData("qconf,qstat", "this machine runs SGE (Grid Engine), which petal capture does not support yet (only Slurm)")]
    [InlineData("qstat", "this machine runs PBS or SGE, which petal capture does not support yet (only Slurm)")]
    [InlineData("", "no Slurm found on this machine (scontrol is not on PATH)")]
    public async Task A_machine_without_slurm_exits_2_saying_PBS_or_SGE_are_not_yet_supported(string commands, string says)
    {
        using var home = new TempDirectory();
        Directory.CreateDirectory(home.File("fake-scheduler-bin"));
        foreach (var c in commands.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var script = home.Write($"fake-scheduler-bin/{c}", "#!/bin/sh\necho \"stand-in $0\"\n");
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }
        home.Write(".bash_profile", $"PATH='{home.File("fake-scheduler-bin")}'\n");
        var seedFile = home.File("captured.yaml");
        var r = await PetalProcess.RunAsync(["capture", "-o", seedFile], new Dictionary<string, string> { ["HOME"] = home.Path });
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(says, r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
        Assert.False(File.Exists(seedFile));
    }
}

/// <summary>`petal capture` of a real twin, once as this machine's cluster (SLURM_CONF names the twin's Slurm, as on a
/// login node) and once by `--cluster NAME`: both seeds validate and have the twin's queues and node counts.</summary>
[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class CaptureCommandTwinTests
{
    [Fact]
    public async Task Capture_of_this_machine_and_of_a_named_twin_writes_seeds_with_its_queues()
    {
        var original = MultiTwinTests.Load("local-two-queues.yaml");
        await using var h = await TwinHandle.CreateAsync("capcli", original, provider: new LocalProvider(EmbeddedCatalog.Default));
        using var dir = new TempDirectory();
        var runs = new (string Label, string[] Args, Dictionary<string, string>? Env)[]
        {
            ("this machine", ["capture", "-o", dir.File("here.yaml"), "--output", "json"], new() { ["SLURM_CONF"] = h.Twin.SlurmConf }),
            ("--cluster", ["capture", "--cluster", h.Name, "-o", dir.File("twin.yaml"), "--output", "json"], null),
        };
        foreach (var (label, args, env) in runs)
        {
            var r = await PetalProcess.RunAsync(args, env, TimeSpan.FromMinutes(2));
            Assert.True(r.ExitCode == 0, label + ": " + r.Stderr);
            using var doc = JsonDocument.Parse(r.Stdout);
            var queues = doc.RootElement.GetProperty("queues").EnumerateArray()
                .ToDictionary(q => q.GetProperty("name").GetString()!, q => q.GetProperty("node_count").GetInt32());
            Assert.Equal(original.Compute.Queues.ToDictionary(q => q.Name, q => q.MaxCount), queues);
            var seedFile = doc.RootElement.GetProperty("seed_file").GetString()!;
            var loaded = SeedLoader.Load(seedFile, EmbeddedCatalog.Default);
            Assert.True(loaded.Ok, label + ": " + string.Join("\n", loaded.Errors));
            Assert.Equal(original.Compute.Queues.Select(q => (q.Name, q.MaxCount)).Order(),
                loaded.Seed!.Compute.Queues.Select(q => (q.Name, q.MaxCount)).Order());
            Assert.Equal("static", loaded.Seed.Compute.Queues[0].Name);
            Assert.Equal(0, (await PetalProcess.RunAsync("validate", seedFile)).ExitCode);
        }
    }
}
