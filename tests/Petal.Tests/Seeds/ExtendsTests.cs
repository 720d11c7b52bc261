using Petal.Catalog;
using Petal.Common;
using Petal.Seeds;
using Petal.Tests.Support;

namespace Petal.Tests.Seeds;

public class ExtendsTests
{
    private const string Base = """
        cluster: { name: base, region: us-east-1 }
        compute:
          head_node: c6i.large
          queues:
            - { name: compute, instance_types: [c6i.large], max_count: 4 }
            - { name: big, instance_types: [c6i.4xlarge], max_count: 2 }
        software:
          spack_packages: [gcc@13.2.0, python@3.11.9]
        users:
          - { name: alice, uid: 2001, gid: 2001 }
        """;

    [Fact]
    public void Derived_seed_merges_maps_named_lists_and_specs()
    {
        using var dir = new TempDirectory();
        dir.Write("base.yaml", Base);
        dir.Write("sub/middle.yaml", "extends: ../base.yaml\n");
        var derived = dir.Write("derived.yaml", """
            extends: sub/middle.yaml
            cluster: { name: derived }
            compute:
              queues:
                - { name: compute, max_count: 8 }
                - { name: gpu, instance_types: [g5.xlarge], max_count: 1 }
            software:
              spack_packages: ["python@3.12.5", cuda@12.4.1]
            users:
              - { name: bob, uid: 2002, gid: 2002 }
            """);
        var result = SeedLoader.Load(derived, EmbeddedCatalog.Default);
        Assert.True(result.Ok, string.Join("\n", result.Diagnostics));
        var seed = result.Seed!;
        Assert.Equal("derived", seed.Cluster.Name);
        Assert.Equal("us-east-1", seed.Cluster.Region);
        Assert.Equal(["compute", "big", "gpu"], seed.Compute.Queues.Select(q => q.Name));
        Assert.Equal(8, seed.Compute.Queues[0].MaxCount);
        Assert.Equal(["c6i.large"], seed.Compute.Queues[0].InstanceTypes);
        Assert.Equal(["gcc@13.2.0", "python@3.12.5", "cuda@12.4.1"], seed.Software.SpackPackages);
        Assert.Equal(["alice", "bob"], seed.Users.Select(u => u.Name));
        // Each value points at the file that supplied it.
        Assert.EndsWith("base.yaml", seed.Locations["cluster.region"].File);
        Assert.EndsWith("derived.yaml", seed.Locations["cluster.name"].File);
        Assert.EndsWith("derived.yaml", seed.Locations["compute.queues[0].max_count"].File);
        Assert.EndsWith("base.yaml", seed.Locations["compute.queues[0].instance_types"].File);
        Assert.EndsWith("base.yaml", seed.Locations["software.spack_packages[0]"].File);
    }

    [Fact]
    public void Tags_merge_by_key_and_each_keeps_the_location_of_the_file_that_set_it()
    {
        using var dir = new TempDirectory();
        dir.Write("base.yaml", Base + "\ntags: { team: hpc, cost-center: \"1\" }\n");
        var derived = dir.Write("derived.yaml", "extends: base.yaml\ntags:\n  cost-center: \"2\"\n  project: x\n");
        var result = SeedLoader.Load(derived, EmbeddedCatalog.Default);
        Assert.True(result.Ok, string.Join("\n", result.Diagnostics));
        Assert.Equal([new SeedTag("team", "hpc"), new SeedTag("cost-center", "2"), new SeedTag("project", "x")], result.Seed!.Tags);
        Assert.EndsWith("base.yaml", result.Seed.Locate("tags.team")!.Value.File);
        Assert.EndsWith("derived.yaml", result.Seed.Locate("tags.cost-center")!.Value.File);
    }

    [Fact]
    public void Rule_errors_in_a_base_point_into_the_base()
    {
        using var dir = new TempDirectory();
        dir.Write("base.yaml", Base.Replace("uid: 2001", "uid: 0"));
        var derived = dir.Write("derived.yaml", "extends: base.yaml\ncluster: { name: derived }\n");
        var d = Assert.Single(SeedLoader.Load(derived, EmbeddedCatalog.Default).Errors);
        Assert.Equal("USER-ID-RANGE", d.RuleId);
        Assert.EndsWith("base.yaml", d.Location!.Value.File);
        Assert.Equal(10, d.Location.Value.Line);
    }

    [Fact]
    public void Cycle_is_an_error_naming_the_chain()
    {
        using var dir = new TempDirectory();
        var a = dir.Write("a.yaml", "extends: b.yaml\n" + Base);
        dir.Write("b.yaml", "extends: a.yaml\ncluster: { name: b }\n");
        var d = Assert.Single(SeedLoader.Load(a, EmbeddedCatalog.Default).Diagnostics, x => x.RuleId == SeedRuleIds.Extends);
        Assert.Matches(@"extends cycle: .*a\.yaml → .*b\.yaml → .*a\.yaml", d.Message);
        Assert.EndsWith("b.yaml", d.Location!.Value.File);
    }

    [Fact]
    public void Missing_base_is_an_error_at_the_extends_line()
    {
        using var dir = new TempDirectory();
        var a = dir.Write("a.yaml", Base + "\nextends: nothere.yaml\n");
        var d = Assert.Single(SeedLoader.Load(a, EmbeddedCatalog.Default).Diagnostics);
        Assert.Equal(SeedRuleIds.Extends, d.RuleId);
        Assert.Contains("nothere.yaml does not exist", d.Message);
        Assert.Equal(11, d.Location!.Value.Line);
    }

    [Fact]
    public void Library_extends_example_merges()
    {
        var result = SeedLoader.Load(Path.Combine(RepoPaths.Seeds, "examples", "extends-gpu.yaml"), EmbeddedCatalog.Default);
        Assert.True(result.Ok, string.Join("\n", result.Diagnostics));
        Assert.Equal(["compute", "gpu"], result.Seed!.Compute.Queues.Select(q => q.Name));
        Assert.Contains("python@3.12.5", result.Seed.Software.SpackPackages);
        Assert.DoesNotContain("python@3.11.9", result.Seed.Software.SpackPackages);
    }
}
