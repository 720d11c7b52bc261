using Petal.Capture;
using Petal.Catalog;
using Petal.Providers.Local;
using Petal.Seeds;
using Petal.Spack;
using Petal.Tests.Local;
using Petal.Tests.Support;
using Petal.Tests.Verify;
using Petal.Verify.Transport;
using System.Text.Json;

namespace Petal.Tests.Capture;

/// <summary>Capture of real local twins (Slurm, Lmod, accounts) round-trips: the captured seed validates and has the
/// twin's queues, node counts, users and software, with instance types no dearer than the twin's.</summary>
[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class TwinCaptureTests
{
    /// <summary>local-one-queue.yaml plus a GPU queue: one static g4dn.xlarge (1 T4) and one dynamic node.</summary>
    internal static Seed GpuSeed()
    {
        var seed = MultiTwinTests.Load("local-one-queue.yaml");
        return seed with { Compute = seed.Compute with { Queues = [.. seed.Compute.Queues,
            new QueueSpec { Name = "gpu", InstanceTypes = ["g4dn.xlarge"], MinCount = 1, MaxCount = 2 }] } };
    }

    [Theory]
    [InlineData("capone", "local-one-queue.yaml")]
    [InlineData("captwo", "local-two-queues.yaml")]
    [InlineData("capgpu", "gpu")]
    public async Task A_captured_twin_plans_to_an_equivalent_cluster(string tag, string seedFile)
    {
        var original = seedFile == "gpu" ? GpuSeed() : MultiTwinTests.Load(seedFile);
        await using var h = await TwinHandle.CreateAsync(tag, original, provider: new LocalProvider(EmbeddedCatalog.Default));
        // The twin's nodes and the seed's accounts (other twins on the host may add and remove their own meanwhile).
        var probe = "scontrol show node -o; getent passwd root " + string.Join(' ', original.Users.Select(u => u.Name));
        var before = await h.Twin.RunOnHeadAsync(probe);
        await using var shell = new LocalTwinShell(h.Twin);
        var captured = await ClusterCapture.CaptureAsync(shell, h.Name, 1000, 60000, CancellationToken.None);
        var result = SeedWriter.Write(captured, EmbeddedCatalog.Default);
        var loaded = SeedLoader.LoadText(result.SeedYaml, "captured.yaml", EmbeddedCatalog.Default);
        Assert.True(loaded.Ok, string.Join("\n", loaded.Errors) + "\n" + result.SeedYaml);
        var seed = loaded.Seed!;

        // Same queues with the partitions' node counts; each type covers the twin's node and costs no more.
        Assert.Equal(original.Compute.Queues.Select(q => q.Name).Order(), seed.Compute.Queues.Select(q => q.Name).Order());
        foreach (var q in original.Compute.Queues)
        {
            var c = seed.Compute.Queues.Single(x => x.Name == q.Name);
            Assert.Equal(q.MaxCount, c.MaxCount);
            var was = EmbeddedCatalog.Default.Price(original.Cluster.Region, q.InstanceTypes[0])!.OnDemand!.Value;
            var now = EmbeddedCatalog.Default.Price(seed.Cluster.Region, c.InstanceTypes[0])!.OnDemand!.Value;
            Assert.True(now <= was, $"{c.InstanceTypes[0]} ${now} dearer than {q.InstanceTypes[0]} ${was}");
            var shape = result.Queues.Single(x => x.Name == q.Name).Shape;
            var (wasType, nowType) = (EmbeddedCatalog.Default.Find(q.InstanceTypes[0])!, EmbeddedCatalog.Default.Find(c.InstanceTypes[0])!);
            Assert.True(nowType.VCpus >= shape.VCpus);
            // GPUs read back from the twin's GRES: the same model and count.
            Assert.Equal(wasType.GpuCount, shape.Gpus);
            Assert.Equal((wasType.GpuCount, wasType.GpuModel), (nowType.GpuCount, nowType.GpuModel));
        }
        // Same users.
        foreach (var u in original.Users)
            Assert.Contains(seed.Users, x => x.Name == u.Name && x.Uid == u.Uid && x.Gid == u.Gid);
        // Every package the twin installed as a module maps back to a Spack spec of that package.
        var capturedPackages = seed.Software.SpackPackages.Select(s => SpecParser.Parse(s).Name).ToHashSet();
        Assert.NotEmpty(h.Created.Software);
        foreach (var installed in h.Created.Software)
            Assert.Contains(SpecParser.Parse(installed.Spec).Name, capturedPackages);
        Assert.All(result.Mappings, m => Assert.NotNull(m.Spec));
        // Capture changed nothing there.
        var after = await h.Twin.RunOnHeadAsync(probe);
        Assert.Equal(Strip(before.Stdout), Strip(after.Stdout));
        // A GPU twin's node runs a job that asks for its GPU.
        if (original.Compute.Queues.Any(q => q.Name == "gpu"))
        {
            var job = await h.Twin.RunOnHeadAsync("timeout 120 srun -p gpu --gres=gpu:t4:1 -N1 bash -c 'echo gres-ok'");
            Assert.True(job.ExitCode == 0 && job.Stdout.Contains("gres-ok"), job.Stdout + job.Stderr);
        }
    }

    [Fact]
    public async Task Capture_over_ssh_through_a_real_sshd_writes_a_seed_that_validates()
    {
        await using var h = await TwinHandle.CreateAsync("capssh", MultiTwinTests.Load("local-one-queue.yaml"), provider: new LocalProvider(EmbeddedCatalog.Default));
        using var sshd = await TestSshd.StartAsync(h.Twin);
        using var dir = new TempDirectory();
        var seedFile = dir.File("captured.yaml");
        var r = await PetalProcess.RunAsync(["capture", "--ssh", "root@127.0.0.1", "--port", sshd.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-i", sshd.ClientKey, "-o", seedFile, "--output", "json"], timeout: TimeSpan.FromMinutes(2));
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.Equal(seedFile, doc.RootElement.GetProperty("seed_file").GetString());
        Assert.Equal(["compute"], doc.RootElement.GetProperty("queues").EnumerateArray().Select(q => q.GetProperty("name").GetString()));
        Assert.Equal(3, doc.RootElement.GetProperty("queues")[0].GetProperty("node_count").GetInt32());
        Assert.Contains(doc.RootElement.GetProperty("users").EnumerateArray(), u => u.GetProperty("name").GetString() == "alice");
        Assert.NotEmpty(doc.RootElement.GetProperty("guesses").EnumerateArray());
        var loaded = SeedLoader.Load(seedFile, EmbeddedCatalog.Default);
        Assert.True(loaded.Ok, string.Join("\n", loaded.Errors));
        var v = await PetalProcess.RunAsync(["validate", seedFile]);
        Assert.Equal(0, v.ExitCode);
    }

    /// <summary>scontrol's lines without the fields that move by themselves (load, free memory, times).</summary>
    private static string Strip(string text) => System.Text.RegularExpressions.Regex.Replace(text,
        @"(CPULoad|FreeMem|LastBusyTime|ResumeAfterTime|BootTime|SlurmdStartTime|CurrentWatts|AllocMem)=\S+", "");
}
