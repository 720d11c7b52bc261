using Petal.Capture;
using Petal.Catalog;
using Petal.Seeds;
using Petal.Spack;

namespace Petal.Tests.Capture;

/// <summary>Seeds written from `scontrol -o` output as Slurm 22.05 prints it: they validate and their queues fit.</summary>
public class SeedWriterTests
{
    private const string Nodes = """
        NodeName=compute-1 Arch=x86_64 CoresPerSocket=1 CPUAlloc=0 CPUEfctv=2 CPUTot=2 CPULoad=0.00 AvailableFeatures=(null) ActiveFeatures=(null) Gres=(null) NodeAddr=127.0.0.1 NodeHostName=compute-1 Version=22.05.8 OS=Linux 6.1.0 #1 SMP RealMemory=3800 AllocMem=0 FreeMem=N/A Sockets=1 Boards=1 State=IDLE ThreadsPerCore=2 TmpDisk=0 Weight=1 Owner=N/A Partitions=compute
        NodeName=compute-2 Arch=x86_64 CoresPerSocket=1 CPUTot=2 RealMemory=3800 Sockets=1 ThreadsPerCore=2 State=IDLE+CLOUD Partitions=compute
        NodeName=big-1 Arch=x86_64 CoresPerSocket=16 CPUTot=64 RealMemory=250000 Sockets=2 ThreadsPerCore=2 AvailableFeatures=avx512,ib Gres=(null) Partitions=bigmem
        NodeName=gpu-01 Arch=x86_64 CoresPerSocket=24 CPUTot=96 RealMemory=1100000 Sockets=2 ThreadsPerCore=2 Gres=gpu:a100:8(S:0-1) Partitions=gpu
        """;

    private const string Partitions = """
        PartitionName=compute AllowGroups=ALL Default=YES MaxNodes=UNLIMITED Nodes=compute-[1-2] State=UP TotalCPUs=4 TotalNodes=2
        PartitionName=Big_Mem Default=NO Nodes=big-1 State=UP TotalNodes=1
        PartitionName=gpu Default=NO Nodes=gpu-01 State=UP TotalNodes=1
        """;

    private const string Modules = """
        /opt/apps/lmod/Core:
        gcc/11.2.0
        gcc/12.2.0(D)
        openmpi/4.1.1-gcc-11.2.0
        cuda/11.8.0
        R/4.3.1
        matlab/R2023a
        mytool/1.0
        """;

    private static CaptureResult Capture()
    {
        var nodes = SlurmInventory.ParseNodes(Nodes);
        var cluster = new CapturedCluster("old hpc!", OsInventory.Parse("x86_64\nID=debian\nVERSION_ID=\"12\"\nPRETTY_NAME=\"Debian GNU/Linux 12\"\n"),
            SlurmInventory.ParsePartitions(Partitions, nodes), ModuleInventory.ParseTerse(Modules),
            UserInventory.Parse("root:x:0:0::/root:/bin/bash\nalice:x:2001:2001::/home/alice:/bin/bash\nnobody:x:65534:65534::/:/bin/false\nslurm:x:1500:1500::/:/bin/false\nbob:x:1001:1001::/home/bob:/bin/bash\n"));
        return SeedWriter.Write(cluster, EmbeddedCatalog.Default);
    }

    [Fact]
    public void The_written_seed_validates_with_no_errors()
    {
        var result = Capture();
        var loaded = SeedLoader.LoadText(result.SeedYaml, "captured.yaml", EmbeddedCatalog.Default);
        Assert.True(loaded.Ok, string.Join("\n", loaded.Errors.Select(e => e.ToString())) + "\n" + result.SeedYaml);
        var seed = loaded.Seed!;
        Assert.Equal(["compute", "big-mem", "gpu"], seed.Compute.Queues.Select(q => q.Name));
        Assert.Equal([2, 1, 1], seed.Compute.Queues.Select(q => q.MaxCount));
        Assert.Equal(["alice", "bob"], seed.Users.Select(u => u.Name));
        Assert.Contains("gcc@12.2.0", seed.Software.SpackPackages);
        Assert.Contains("openmpi@4.1.1 %gcc@11.2.0", seed.Software.SpackPackages);
        Assert.Contains("r@4.3.1", seed.Software.SpackPackages);
        Assert.Contains("# not mapped: module matlab/R2023a: licensed", result.SeedYaml);
        Assert.Contains("# also installed there: gcc/11.2.0 → gcc@11.2.0", result.SeedYaml);
        Assert.Contains("GUESS (low) from module mytool/1.0", result.SeedYaml);
        Assert.Contains(result.Guesses, g => g.StartsWith("partition Big_Mem → queue big-mem", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_fit_covers_the_partition_shape_cheapest_first()
    {
        var result = Capture();
        foreach (var q in result.Queues)
        {
            Assert.InRange(q.Fits.Count, 1, 3);
            Assert.Equal(q.Fits.OrderBy(f => f.PricePerHour).Select(f => f.InstanceType), q.Fits.Select(f => f.InstanceType));
            foreach (var fit in q.Fits)
            {
                var t = EmbeddedCatalog.Default.Find(fit.InstanceType)!;
                Assert.Equal(q.Shape.Architecture, t.Architecture);
                Assert.True(t.VCpus >= q.Shape.VCpus && t.MemoryMiB >= q.Shape.MemoryMb, fit.InstanceType);
                Assert.True(t.GpuCount >= q.Shape.Gpus, fit.InstanceType);
            }
        }
        var gpu = result.Queues.Single(q => q.Name == "gpu");
        Assert.Equal(8, gpu.Shape.Gpus);
        Assert.All(gpu.Fits, f => Assert.Contains("A100", EmbeddedCatalog.Default.Find(f.InstanceType)!.GpuModel, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Every_written_spec_parses_and_every_module_is_accounted_for()
    {
        var result = Capture();
        Assert.Equal(ModuleInventory.ParseTerse(Modules).Count, result.Mappings.Count);
        foreach (var m in result.Mappings)
        {
            if (m.Spec is null) Assert.Contains(m.Module, result.SeedYaml);
            else Assert.True(SpecParser.TryParse(m.Spec, out _, out _));
        }
    }

    [Theory]
    [InlineData("gpu:a100:2(S:0),gpu:1", 3, "a100")]
    [InlineData("(null)", 0, null)]
    [InlineData("gpu:4", 4, null)]
    [InlineData("gpu:tesla_t4:1(S:0),mps:100", 1, "tesla_t4")]
    public void Gres_gpus(string gres, int count, string? model) =>
        Assert.Equal((count, model), SlurmInventory.Gpus(gres));

    [Fact]
    public void Users_outside_the_regular_range_or_reserved_are_left_out()
    {
        var users = UserInventory.Parse("a:x:999:999::/:/bin/sh\nb:x:1000:1000::/:/bin/sh\nc:x:70000:70000::/:/bin/sh\nBad Name:x:1200:1200::/:/bin/sh\nmunge:x:1300:1300::/:/bin/sh\n");
        Assert.Equal(["b"], users.Select(u => u.Name));
        Assert.Equal(["c"], UserInventory.Parse("c:x:70000:70000::/:/bin/sh", 65000, 80000).Select(u => u.Name));
    }
}
