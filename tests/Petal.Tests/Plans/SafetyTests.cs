using Petal.Catalog;
using Petal.Plans;
using Petal.Seeds;

namespace Petal.Tests.Plans;

/// <summary>
/// Hostile strings in every string field of a seed: each is rejected before anything is rendered, or
/// rendered inert — proven by running the user, mount and Spack sections in a sandbox with recorders
/// and checking that the marker file never appears and the hostile text arrives as one literal word.
/// </summary>
public class SafetyTests
{
    static IEnumerable<string> Hostile(string marker) =>
    [
        $"$(touch {marker})", $"`touch {marker}`", $"x; touch {marker}", $"x\ntouch {marker}", $"x' ; touch {marker}; echo '",
        $"x\" ; touch {marker}; echo \"", "*", "/etc/*", "ａｌｉｃｅ", "alice\u200b", $"x；touch {marker}", $"$（touch {marker}）",
        $"x && touch {marker} #", $"${{IFS}}touch${{IFS}}{marker}",
    ];

    /// <summary>Every string field of a seed, as a function that puts a value into it.</summary>
    static readonly (string Field, Func<Seed, string, Seed> Set)[] Fields =
    [
        ("cluster.name", (s, v) => s with { Cluster = s.Cluster with { Name = v } }),
        ("cluster.region", (s, v) => s with { Cluster = s.Cluster with { Region = v } }),
        ("cluster.os", (s, v) => s with { Cluster = s.Cluster with { Os = v } }),
        ("compute.head_node", (s, v) => s with { Compute = s.Compute with { HeadNode = v } }),
        ("queue.name", (s, v) => WithQueue(s, q => q with { Name = v })),
        ("queue.instance_types", (s, v) => WithQueue(s, q => q with { InstanceTypes = [v] })),
        ("queue.allocation_strategy", (s, v) => WithQueue(s, q => q with { AllocationStrategy = v })),
        ("software.spack_version", (s, v) => s with { Software = s.Software with { SpackVersion = v } }),
        ("software.spack_packages", (s, v) => s with { Software = s.Software with { SpackPackages = [v] } }),
        ("users.name", (s, v) => s with { Users = [new SeedUser(v, 2001, 2001)] }),
        ("data.s3_mounts.bucket", (s, v) => s with { Data = new DataSection { S3Mounts = [new S3Mount { Bucket = v, MountPoint = "/data/x" }] } }),
        ("data.s3_mounts.mount_point", (s, v) => s with { Data = new DataSection { S3Mounts = [new S3Mount { Bucket = "b-1", MountPoint = v }] } }),
        ("shared_storage.name", (s, v) => s with { SharedStorage = [new SharedStorageSpec { Name = v, MountDir = "/work" }] }),
        ("shared_storage.mount_dir", (s, v) => s with { SharedStorage = [new SharedStorageSpec { Name = "w", MountDir = v }] }),
        ("shared_storage.volume_type", (s, v) => s with { SharedStorage = [new SharedStorageSpec { Name = "w", MountDir = "/work", VolumeType = v }] }),
        ("shared_storage.snapshot_id", (s, v) => s with { SharedStorage = [new SharedStorageSpec { Name = "w", MountDir = "/work", SnapshotId = v }] }),
        ("shared_storage.file_system_id", (s, v) => s with { SharedStorage = [new SharedStorageSpec { Name = "w", Type = StorageType.Efs, MountDir = "/work", FileSystemId = v }] }),
        ("shared_storage.deletion_policy", (s, v) => s with { SharedStorage = [new SharedStorageSpec { Name = "w", MountDir = "/work", DeletionPolicy = v }] }),
    ];

    static Seed WithQueue(Seed s, Func<QueueSpec, QueueSpec> change) =>
        s with { Compute = s.Compute with { Queues = [change(s.Compute.Queues[0]), .. s.Compute.Queues.Skip(1)] } };

    [Fact]
    public void Hostile_strings_in_every_field_are_rejected_or_inert()
    {
        using var box = new ScriptSandbox();
        var inert = 0;
        foreach (var (field, set) in Fields)
        foreach (var hostile in Hostile(box.Pwned))
        {
            // As the whole value, and (for specs) hidden inside a quoted flag that the Spack parser accepts.
            foreach (var value in field == "software.spack_packages" ? [hostile, $"hdf5 cflags='{hostile}'"] : new[] { hostile })
            {
                Plan plan;
                try { plan = Planner.Create(set(TestSeeds.Full(), value), EmbeddedCatalog.Default, PlanOptions.Default); }
                catch (PlanInputException e)
                {
                    Assert.Contains(e.Diagnostics, d => d.IsError);
                    continue;
                }
                inert++;
                RunSections(box, plan);
                Assert.False(File.Exists(box.Pwned), $"{field} = {value} ran a command");
                if (field == "software.spack_packages")
                {
                    var yaml = new YamlDotNet.RepresentationModel.YamlStream();
                    yaml.Load(new StringReader(File.ReadAllText(box.Root + plan.EnvironmentDir + "/spack.yaml")));
                    var specs = (YamlDotNet.RepresentationModel.YamlSequenceNode)((YamlDotNet.RepresentationModel.YamlMappingNode)
                        ((YamlDotNet.RepresentationModel.YamlMappingNode)yaml.Documents[0].RootNode)["spack"])["specs"];
                    Assert.Equal(plan.InstallOrder.Last(), ((YamlDotNet.RepresentationModel.YamlScalarNode)specs[0]).Value);
                    Assert.Contains(hostile, plan.InstallOrder.Last());
                }
            }
        }
        Assert.True(inert > 0, "no hostile value got through to a script, so nothing was executed");
        Assert.False(File.Exists(box.Pwned));
    }

    [Fact]
    public void Hostile_values_arrive_as_single_literal_arguments()
    {
        // Values that pass validation still go through the quoting function: prove what the recorders received.
        using var box = new ScriptSandbox();
        var seed = TestSeeds.Full() with
        {
            Users = [new SeedUser("o-brien_x", 2005, 2005)],
            Data = new DataSection { S3Mounts = [new S3Mount { Bucket = "a.b-c", MountPoint = "/data/x.y-z_1", ReadOnly = true }] },
        };
        var plan = Planner.Create(seed, EmbeddedCatalog.Default, PlanOptions.Default);
        RunSections(box, plan);
        var calls = box.Calls();
        Assert.Contains(calls, c => c.SequenceEqual(["useradd", "-m", "-u", "2005", "-g", "2005", "-s", "/bin/bash", "--", "o-brien_x"]));
        var unit = File.ReadAllText(box.Root + "/etc/systemd/system/" + Petal.Plans.Bootstrap.BootstrapScripts.MountUnit("/data/x.y-z_1"));
        Assert.Contains("ExecStart=/usr/bin/mount-s3 --allow-other --read-only a.b-c /data/x.y-z_1", unit);
        Assert.Contains(calls, c => c.SequenceEqual(["systemctl", "start", "petal-s3-data-x_2ey_2dz_5f1.service"]));
    }

    static void RunSections(ScriptSandbox box, Plan plan)
    {
        box.InstallFakeSpack(plan.SoftwareRoot);
        foreach (var marker in new[] { plan.CompletionMarker })
            if (File.Exists(box.Root + marker)) File.Delete(box.Root + marker);
        var (code, output) = box.Run(plan.Files[PlanFiles.HeadNode], "users,mounts,spack-setup,spack-install");
        Assert.True(code == 0, output);
    }
}
