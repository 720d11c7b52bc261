using System.Text.Json;
using Petal.Tests.Support;

namespace Petal.Tests.Catalog;

/// <summary>`petal catalog ...` as a user runs it: exit codes, JSON shape, error messages.</summary>
public sealed class CatalogCliTests
{
    [Fact]
    public async Task Show_prints_specs_and_prices_as_json()
    {
        var r = await PetalProcess.RunAsync("catalog", "show", "c5n.18xlarge", "--region", "us-east-1", "--output", "json");
        Assert.Equal(0, r.ExitCode);
        var json = JsonDocument.Parse(r.Stdout).RootElement;
        Assert.Equal("c5n.18xlarge", json.GetProperty("instance_type").GetString());
        Assert.Equal(72, json.GetProperty("vcpus").GetInt32());
        Assert.Equal(196608, json.GetProperty("memory_mib").GetInt64());
        Assert.True(json.GetProperty("efa_supported").GetBoolean());
        Assert.True(json.GetProperty("offered_in_region").GetBoolean());
        Assert.True(json.GetProperty("on_demand_usd_per_hour").GetDecimal() > 0);
        Assert.Equal(json.GetProperty("regions_offering").GetInt32(), json.GetProperty("offering_regions").GetArrayLength());
    }

    [Fact]
    public async Task Show_unknown_type_exits_2_with_did_you_mean()
    {
        var r = await PetalProcess.RunAsync("catalog", "show", "c5.4xlarg");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("unknown instance type 'c5.4xlarg'", r.Stderr);
        Assert.Contains("did you mean c5.4xlarge", r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
    }

    [Fact]
    public async Task List_filters_and_returns_snake_case_rows()
    {
        var r = await PetalProcess.RunAsync("catalog", "list", "--region", "us-east-1", "--arch", "arm64", "--min-vcpus", "16",
            "--max-vcpus", "64", "--min-memory", "32", "--family", "c7g", "--sort", "vcpus", "--limit", "3", "--output", "json");
        Assert.Equal(0, r.ExitCode);
        var rows = JsonDocument.Parse(r.Stdout).RootElement.GetProperty("instance_types").EnumerateArray().ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal("c7g.4xlarge", rows[0].GetProperty("instance_type").GetString());
        var vcpus = rows.Select(x => x.GetProperty("vcpus").GetInt32()).ToList();
        Assert.Equal(vcpus.Order(), vcpus);
        foreach (var row in rows)
        {
            Assert.StartsWith("c7g.", row.GetProperty("instance_type").GetString());
            Assert.Equal("arm64", row.GetProperty("architecture").GetString());
            Assert.InRange(row.GetProperty("vcpus").GetInt32(), 16, 64);
            Assert.True(row.GetProperty("memory_gib").GetDouble() >= 32);
            Assert.Equal(JsonValueKind.Number, row.GetProperty("on_demand_usd_per_hour").ValueKind);
            Assert.True(row.TryGetProperty("spot_usd_per_hour", out _));
            Assert.True(row.TryGetProperty("interruption_bucket", out _));
        }
    }

    [Fact]
    public async Task List_gpu_and_efa_flags_and_human_table()
    {
        var json = await PetalProcess.RunAsync("catalog", "list", "--gpu", "--efa", "--region", "us-east-1", "--output", "json");
        Assert.Equal(0, json.ExitCode);
        var rows = JsonDocument.Parse(json.Stdout).RootElement.GetProperty("instance_types").EnumerateArray().ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, x => Assert.True(x.GetProperty("gpu_count").GetInt32() > 0 && x.GetProperty("efa_supported").GetBoolean()));

        var human = await PetalProcess.RunAsync("catalog", "list", "--family", "hpc6a", "--region", "us-east-2");
        Assert.Equal(0, human.ExitCode);
        Assert.Contains("hpc6a", human.Stdout);
        Assert.Contains("estimates", human.Stdout);
    }

    [Fact]
    public async Task Invalid_region_exits_2_with_suggestions()
    {
        var r = await PetalProcess.RunAsync("catalog", "list", "--region", "us-east-l");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("unknown region 'us-east-l'", r.Stderr);
        Assert.Contains("did you mean us-east-1", r.Stderr);
    }

    [Fact]
    public async Task Priced_only_region_shows_prices_but_list_asks_for_a_refresh()
    {
        var show = await PetalProcess.RunAsync("catalog", "show", "c5.large", "--region", "us-gov-west-1", "--output", "json");
        Assert.Equal(0, show.ExitCode);
        var json = JsonDocument.Parse(show.Stdout).RootElement;
        Assert.False(json.GetProperty("offered_in_region").GetBoolean());
        Assert.True(json.GetProperty("on_demand_usd_per_hour").GetDecimal() > 0);

        var list = await PetalProcess.RunAsync("catalog", "list", "--region", "us-gov-west-1");
        Assert.Equal(2, list.ExitCode);
        Assert.Contains("petal catalog refresh --region us-gov-west-1", list.Stderr);
    }

    [Theory]
    [InlineData("--arch", "sparc")]
    [InlineData("--sort", "colour")]
    [InlineData("--min-vcpus", "-4")]
    [InlineData("--limit", "-1")]
    public async Task Bad_list_options_exit_2(string option, string value)
    {
        var r = await PetalProcess.RunAsync("catalog", "list", option, value);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(value, r.Stderr);
    }

    [Fact]
    public async Task Refresh_rejects_a_malformed_region_before_calling_aws()
    {
        var r = await PetalProcess.RunAsync("catalog", "refresh", "--region", "us east 1");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("not an AWS region name", r.Stderr);
    }
}
