using Petal.Common;
using Petal.Seeds;

namespace Petal.Tests.Seeds;

public class SeedLoaderTests
{
    [Fact]
    public void Valid_seed_loads_with_defaults_and_locations()
    {
        var result = SeedText.Load(SeedText.Valid);
        Assert.True(result.Ok, string.Join("\n", result.Diagnostics));
        var seed = result.Seed!;
        Assert.Equal("alinux2023", seed.Cluster.Os);
        Assert.Equal(SoftwareLayout.Ami, seed.Software.Layout);
        Assert.Equal(4, seed.Compute.Queues[0].MaxCount);
        Assert.Equal(new SourceLocation("seed.yaml", 9, 18), seed.Locations["compute.queues[0].max_count"]);
        Assert.Equal(new SourceLocation("seed.yaml", 12, 7), seed.Locations["software.spack_packages[0]"]);
        Assert.Equal(new SourceLocation("seed.yaml", 14, 25), seed.Locate("users[0].uid"));
    }

    [Fact]
    public void Go_petal_seed_still_loads()
    {
        var result = SeedText.Load("""
            cluster: { name: legacy, region: us-west-2 }
            compute:
              head_node: t3.medium
              queues:
                - { name: compute, instance_types: [c5.xlarge, c5.2xlarge], min_count: 0, max_count: 10 }
            software: { spack_packages: ["gcc@11.3.0", "openmpi@4.1.4 fabrics=ofi"] }
            users: [ { name: alice, uid: 2001, gid: 2001 } ]
            data: { s3_mounts: [ { bucket: my-data, mount_point: /data } ] }
            """);
        Assert.True(result.Ok, string.Join("\n", result.Diagnostics));
    }

    [Fact]
    public void Wrong_type_says_what_was_expected_at_the_value()
    {
        var d = SeedText.Single(SeedText.Load(SeedText.Valid.Replace("max_count: 4", "max_count: ten")), SeedRuleIds.Type);
        Assert.Equal("expected an integer, got 'ten'", d.Message);
        Assert.Equal("compute.queues[0].max_count", d.Path);
        Assert.Equal(new SourceLocation("seed.yaml", 9, 18), d.Location);
    }

    [Fact]
    public void Quoted_number_is_not_an_integer()
    {
        var d = SeedText.Single(SeedText.Load(SeedText.Valid.Replace("max_count: 4", "max_count: \"4\"")), SeedRuleIds.Type);
        Assert.Contains("expected an integer", d.Message);
    }

    [Fact]
    public void Unknown_key_has_did_you_mean()
    {
        var d = SeedText.Single(SeedText.Load(SeedText.Valid.Replace("max_count: 4", "max_cont: 4")), SeedRuleIds.UnknownKey);
        Assert.Equal("did you mean 'max_count'?", d.Hint);
        Assert.Equal(new SourceLocation("seed.yaml", 9, 7), d.Location);
    }

    [Fact]
    public void Duplicate_key_is_an_error_at_the_second_key()
    {
        var d = SeedText.Single(SeedText.Load(SeedText.Valid.Replace("  region: us-east-1", "  region: us-east-1\n  region: us-west-2")), SeedRuleIds.DuplicateKey);
        Assert.Equal("cluster.region", d.Path);
        Assert.Equal(4, d.Location!.Value.Line);
    }

    [Fact]
    public void Enum_value_has_did_you_mean()
    {
        var d = SeedText.Single(SeedText.Load(SeedText.Valid.Replace("  region: us-east-1", "  region: us-east-1\n  os: ubuntu2204x")), SeedRuleIds.Enum);
        Assert.StartsWith("did you mean 'ubuntu2204'", d.Hint);
    }

    [Fact]
    public void Missing_required_sections_are_reported()
    {
        var result = SeedText.Load("cluster: { name: x }\n");
        Assert.Contains(result.Diagnostics, d => d is { RuleId: SeedRuleIds.Required, Path: "cluster.region" });
        Assert.Contains(result.Diagnostics, d => d is { RuleId: SeedRuleIds.Required, Path: "compute" });
        Assert.False(result.Ok);
    }

    [Fact]
    public void Yaml_syntax_error_is_located()
    {
        var result = SeedText.Load("cluster:\n  name: [unclosed\n");
        Assert.Null(result.Seed);
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(SeedRuleIds.YamlSyntax, d.RuleId);
        Assert.NotNull(d.Location);
        Assert.True(d.Location!.Value.Line >= 2);
    }

    [Fact]
    public void Empty_file_is_an_error()
    {
        var d = Assert.Single(SeedText.Load("").Diagnostics);
        Assert.Equal("the seed is empty", d.Message);
    }

    [Fact]
    public void All_problems_are_reported_at_once_sorted_by_line()
    {
        var result = SeedText.Load(SeedText.Valid
            .Replace("name: test", "name: 1test")
            .Replace("c6i.large]", "c6i.larg]")
            .Replace("max_count: 4", "max_count: 4\n      colour: red")
            .Replace("uid: 2001", "uid: 0"));
        var rules = result.Diagnostics.Select(d => d.RuleId).ToList();
        Assert.Equal(["CLUSTER-NAME", "INSTANCE-TYPE", SeedRuleIds.UnknownKey, "USER-ID-RANGE"], rules);
        Assert.Equal(result.Diagnostics.OrderBy(d => d.Location!.Value.Line).ToList(), result.Diagnostics);
    }

    [Fact]
    public void Anchors_and_aliases_are_allowed()
    {
        var aliased = SeedText.Load(SeedText.Valid.Replace("    - name: compute\n      instance_types: [c6i.large]\n      max_count: 4",
            "    - name: compute\n      instance_types: &t [c6i.large]\n      max_count: 4\n    - name: more\n      instance_types: *t\n      max_count: 2"));
        Assert.True(aliased.Ok, string.Join("\n", aliased.Diagnostics));
        Assert.Equal(["c6i.large"], aliased.Seed!.Compute.Queues[1].InstanceTypes);
    }

    [Fact]
    public void Billion_laughs_is_bounded_and_located()
    {
        var yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
        for (var i = 1; i < 9; i++) yaml += $"b{i}: &b{i} [{string.Join(", ", Enumerable.Repeat(i == 1 ? "*a" : $"*b{i - 1}", 10))}]\n";
        yaml += "cluster: { name: x, region: us-east-1 }\ncompute:\n  head_node: c6i.large\n  queues: [ { name: q, instance_types: *b8 } ]\n";
        var result = SeedText.Load(yaml);
        Assert.False(result.Ok);
        Assert.All(result.Diagnostics, d => Assert.NotNull(d.Location));
    }

    [Fact]
    public void Deep_nesting_is_a_located_error()
    {
        var result = SeedText.Load("cluster: " + new string('[', 5000) + new string(']', 5000) + "\n");
        var d = Assert.Single(result.Diagnostics);
        Assert.Contains("nests deeper", d.Message);
    }

    [Fact]
    public void Bom_is_ignored()
    {
        Assert.True(SeedText.Load("\uFEFF" + SeedText.Valid).Ok);
    }

    [Fact]
    public void Spec_error_location_adds_the_spec_column()
    {
        var result = SeedText.Load(SeedText.Valid.Replace("- gcc@13.2.0", "- \"gcc@13.2.0 ; ls\""));
        var d = SeedText.Single(result, "SHELL-UNSAFE");
        // The value starts at column 8 (after the quote); ';' is the spec's 12th character.
        Assert.Equal(new SourceLocation("seed.yaml", 12, 8 + 11), d.Location);
        Assert.Contains("spec column 12", d.Message);
    }

    [Fact]
    public void Spack_parse_error_points_inside_the_spec()
    {
        var result = SeedText.Load(SeedText.Valid.Replace("- gcc@13.2.0", "- gcc@@1"));
        var d = SeedText.Single(result, "SPACK-SPEC");
        Assert.Contains("spec column 4", d.Message);
        Assert.Equal(new SourceLocation("seed.yaml", 12, 7 + 3), d.Location);
    }

    [Fact]
    public void Unreadable_file_is_a_located_error()
    {
        var result = SeedLoader.Load("/nonexistent/seed.yaml", Petal.Catalog.EmbeddedCatalog.Default);
        Assert.Null(result.Seed);
        Assert.Equal(SeedRuleIds.Unreadable, Assert.Single(result.Diagnostics).RuleId);
    }
}
