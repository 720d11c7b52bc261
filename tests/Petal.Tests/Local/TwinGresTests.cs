using Petal.Catalog;
using Petal.Providers.Local;
using Petal.Seeds;

namespace Petal.Tests.Local;

/// <summary>A twin's GPU nodes declare the catalog's GPUs as Slurm GRES (model and count), CPU nodes none.</summary>
public sealed class TwinGresTests
{
    private static readonly TwinLayout Layout = new("/var/petal/local/demo");

    private static string Render(params QueueSpec[] queues) => SlurmConfRenderer.Render("demo", Layout,
        TwinTopologyPlanner.Plan(TwinSeeds.Make(SoftwareLayout.Ami, queues), EmbeddedCatalog.Default, 24000, 21001),
        new SlurmConfSettings(21000));

    [Theory]
    [InlineData("g4dn.xlarge", "t4", 1)]
    [InlineData("g5.12xlarge", "a10g", 4)]
    [InlineData("p4d.24xlarge", "a100", 8)]
    public void Gpu_nodes_declare_gres_of_the_catalogs_model_and_count(string type, string gresType, int count)
    {
        var info = EmbeddedCatalog.Default.Find(type)!;
        Assert.Equal(count, info.GpuCount);
        Assert.Equal(gresType, TwinTopologyPlanner.GresType(info.GpuModel!));
        var conf = Render(TwinSeeds.Queue("gpu", type, 1, 2), TwinSeeds.Queue("cpu", "c5.large", 0, 1));
        Assert.Contains("GresTypes=gpu\n", conf);
        var lines = conf.Split('\n');
        Assert.Equal(2, lines.Count(l => l.StartsWith("NodeName=gpu-", StringComparison.Ordinal) && l.Contains($" Gres=gpu:{gresType}:{count} ")));
        Assert.All(lines.Where(l => l.StartsWith("NodeName=cpu-", StringComparison.Ordinal)), l => Assert.DoesNotContain("Gres=", l));
    }

    [Fact]
    public void Gres_conf_gives_each_gpu_of_a_node_its_own_device_file()
    {
        var topology = TwinTopologyPlanner.Plan(TwinSeeds.Make(SoftwareLayout.Ami,
            [TwinSeeds.Queue("one", "g4dn.xlarge", 1, 1), TwinSeeds.Queue("four", "g5.12xlarge", 0, 1), TwinSeeds.Queue("cpu", "c5.large", 1, 1)]),
            EmbeddedCatalog.Default, 24000, 21001);
        var gres = SlurmConfRenderer.RenderGres(Layout, topology)!;
        var dev = Layout.GpuDeviceDir;
        Assert.StartsWith(TwinLayout.SpoolBase + "/", dev);
        Assert.Contains("AutoDetect=off\n", gres);
        Assert.Contains($"NodeName=one-st-g4dn-xlarge-1 Name=gpu Type=t4 File={dev}/nvidia0\n", gres);
        Assert.Contains($"NodeName=four-dy-g5-12xlarge-1 Name=gpu Type=a10g File={dev}/nvidia[0-3]\n", gres);
        Assert.DoesNotContain("cpu-", gres);
        Assert.Equal($"{dev}/nvidia3", SlurmConfRenderer.GpuDevice(Layout, 3));
    }

    [Fact]
    public void A_cluster_without_gpus_declares_no_gres()
    {
        var conf = Render(TwinSeeds.Queue("cpu", "c5.large", 1, 2));
        Assert.DoesNotContain("Gres", conf);
        Assert.Null(SlurmConfRenderer.RenderGres(Layout, TwinTopologyPlanner.Plan(
            TwinSeeds.Make(SoftwareLayout.Ami, [TwinSeeds.Queue("cpu", "c5.large", 1, 2)]), EmbeddedCatalog.Default, 24000, 21001)));
    }

    [Theory]
    [InlineData("Radeon Pro V520", "radeon_pro_v520")]
    [InlineData("A10G", "a10g")]
    [InlineData("  H100 ", "h100")]
    public void Gpu_models_become_gres_type_names(string model, string type) =>
        Assert.Equal(type, TwinTopologyPlanner.GresType(model));

    [Fact]
    public void A_flexible_resource_of_mixed_models_declares_its_fewest_gpus_untyped()
    {
        var types = new[] { "g4dn.12xlarge", "g5.12xlarge" }.Select(t => EmbeddedCatalog.Default.Find(t)!).ToList();
        Assert.Equal((4, (string?)null), TwinTopologyPlanner.Gpus(types));
        Assert.Equal((0, (string?)null), TwinTopologyPlanner.Gpus([EmbeddedCatalog.Default.Find("c5.large")!]));
    }
}
