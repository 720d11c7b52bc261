using Petal.Tests.Support;

namespace Petal.Tests.Cli;

/// <summary>
/// What an FSx or EFS user writes in shared_storage, as `petal validate` and `petal plan` answer it (issue 14): the
/// deployment type and its throughput, S3 import/export paths, the nearest valid capacity in the hint, a shared /home.
/// </summary>
public class FsxStorageCliTests
{
    private static readonly string Library = Path.Combine(RepoPaths.Seeds, "library", "genomics-fsx-s3-home.yaml");

    private static string Seed(TempDirectory dir, string storage) => dir.Write("seed.yaml", $$"""
        cluster: { name: fsx, region: us-east-1 }
        compute:
          head_node: c6i.large
          queues:
            - { name: compute, instance_types: [c6i.large], max_count: 4 }
        shared_storage:
        {{storage}}

        """);

    [Theory]
    [InlineData("size_gb: 1000", "use 1200")]
    [InlineData("size_gb: 1500", "use 1200 or 2400")]
    [InlineData("size_gb: 3000", "use 2400 or 4800")]
    [InlineData("size_gb: 5000, deployment_type: SCRATCH_1", "use 3600 or 7200")]
    public async Task A_capacity_FSx_refuses_is_answered_with_the_nearest_valid_ones(string fields, string hint)
    {
        using var dir = new TempDirectory();
        var seed = Seed(dir, $"  - {{ name: scratch, type: fsx-lustre, mount_dir: /fsx, {fields} }}");
        var r = await PetalProcess.RunAsync("validate", seed);
        Assert.Equal(2, r.ExitCode);
        var output = r.Stdout + r.Stderr;
        Assert.Matches(@"seed\.yaml:7:\d+: error\[STORAGE-FIELDS\] shared_storage\[0\]\.size_gb: FSx for Lustre SCRATCH_\d capacity is", output);
        Assert.Contains($"hint: {hint}\n", output.ReplaceLineEndings("\n"));
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public async Task Every_FSx_mistake_is_reported_at_once_with_its_place_and_fix()
    {
        using var dir = new TempDirectory();
        var seed = Seed(dir, """
              - name: runs
                type: fsx-lustre
                mount_dir: /fsx
                deployment_type: PERSISTENT_2
                per_unit_storage_throughput: 200
                export_path: s3://lab-out/results
              - { name: notes, type: efs, mount_dir: /notes, import_path: "s3://lab-in" }
            """);
        var r = await PetalProcess.RunAsync("validate", seed, "--output", "json");
        Assert.Equal(2, r.ExitCode);
        var errors = System.Text.Json.JsonDocument.Parse(r.Stdout).RootElement.GetProperty("errors").EnumerateArray()
            .Select(e => (Path: e.GetProperty("path").GetString(), Message: e.GetProperty("message").GetString(), Line: e.GetProperty("line").GetInt32()))
            .ToList();
        Assert.Contains(errors, e => e.Path == "shared_storage[0].per_unit_storage_throughput" && e.Message!.Contains("125, 250, 500, 1000") && e.Line == 11);
        Assert.Contains(errors, e => e.Path == "shared_storage[0].export_path" && e.Message!.Contains("needs import_path") && e.Line == 12);
        Assert.Contains(errors, e => e.Path == "shared_storage[0].export_path" && e.Message!.Contains("PERSISTENT_2 file systems do not take import_path/export_path"));
        Assert.Contains(errors, e => e.Path == "shared_storage[1].import_path" && e.Message!.Contains("applies to FSx for Lustre, not efs"));
    }

    [Fact]
    public async Task A_shared_home_on_EFS_validates_and_one_on_EBS_is_refused()
    {
        using var dir = new TempDirectory();
        var efs = await PetalProcess.RunAsync("validate", Seed(dir, "  - { name: home, type: efs, mount_dir: /home }"));
        Assert.True(efs.ExitCode == 0, efs.Stdout + efs.Stderr);
        var ebs = await PetalProcess.RunAsync("validate", Seed(dir, "  - { name: home, type: ebs, mount_dir: /home }"));
        Assert.Equal(2, ebs.ExitCode);
        Assert.Contains("error[MOUNT-RESERVED] shared_storage[0].mount_dir: ebs storage cannot be a shared /home", ebs.Stdout + ebs.Stderr);
        Assert.Contains("hint: use type: efs or fsx-lustre", ebs.Stdout + ebs.Stderr);
    }

    [Fact]
    public async Task Plan_renders_the_deployment_type_throughput_S3_paths_and_shared_home()
    {
        using var dir = new TempDirectory();
        var r = await PetalProcess.RunAsync("plan", Library, "-o", dir.File("out"));
        Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr);
        var config = File.ReadAllText(dir.File("out/cluster-config.yaml"));
        Assert.Contains("""
              - MountDir: "/fsx"
                Name: "runs"
                StorageType: "FsxLustre"
                FsxLustreSettings:
                  StorageCapacity: 2400
                  DeploymentType: "PERSISTENT_1"
                  PerUnitStorageThroughput: 200
                  ImportPath: "s3://genomics-lab-runs/raw"
                  ExportPath: "s3://genomics-lab-runs/results"
                  DeletionPolicy: "Delete"
            """.ReplaceLineEndings("\n"), config.ReplaceLineEndings("\n"));
        Assert.Contains("- MountDir: \"/home\"\n    Name: \"home\"\n    StorageType: \"Efs\"", config.ReplaceLineEndings("\n"));
        // FSx reaches the bucket through its own service-linked role: the nodes' role gets no access to it.
        Assert.DoesNotContain("BucketName: \"genomics-lab-runs\"", config);
    }
}
