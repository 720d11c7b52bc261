using System.Text.Json;
using Petal.Cli;
using Petal.Tests.Support;

namespace Petal.Tests.Seeds;

/// <summary>`petal validate` in process: exit codes and output shapes.</summary>
[Collection(ConsoleCollection.Name)]
public class ValidateCommandTests
{
    private static (int Code, string Out) Run(params string[] args)
    {
        var original = Console.Out;
        var writer = new StringWriter();
        Console.SetOut(writer);
        try { return (PetalCli.RunAsync(args).GetAwaiter().GetResult(), writer.ToString()); }
        finally { Console.SetOut(original); }
    }

    [Fact]
    public void Valid_seed_exits_0()
    {
        var (code, output) = Run("validate", Path.Combine(RepoPaths.Seeds, "examples", "minimal.yaml"));
        Assert.Equal(0, code);
        Assert.Contains("0 errors, 0 warnings", output);
    }

    [Fact]
    public void Invalid_seed_exits_2_with_compiler_style_lines()
    {
        using var dir = new TempDirectory();
        var seed = dir.Write("bad.yaml", SeedText.Valid.Replace("max_count: 4", "max_count: ten"));
        var (code, output) = Run("validate", seed);
        Assert.Equal(2, code);
        Assert.Matches(@"bad\.yaml:9:18: error\[SEED-TYPE\] compute\.queues\[0\]\.max_count: expected an integer, got 'ten'", output);
        Assert.Contains("1 error, 0 warnings", output);
    }

    [Fact]
    public void A_seed_over_its_cost_guard_exits_2_at_the_guards_line_and_column()
    {
        using var dir = new TempDirectory();
        var seed = dir.Write("dear.yaml", SeedText.Valid.Replace("region: us-east-1", "region: us-east-1\n  max_cost_per_hour: 0.05"));
        var (code, output) = Run("validate", seed);
        Assert.Equal(2, code);
        Assert.Matches(@"dear\.yaml:4:22: error\[COST-GUARD\] cluster\.max_cost_per_hour: the cluster can cost [0-9.]+ USD per hour at max_count, [0-9.]+ over max_cost_per_hour 0\.05", output);
        Assert.Contains("hint: lower max_count", output);
    }

    [Fact]
    public void Warnings_pass_unless_strict()
    {
        using var dir = new TempDirectory();
        var seed = dir.Write("warn.yaml", SeedText.Valid.Replace("uid: 2001, gid: 2001", "uid: 70000, gid: 70000"));
        Assert.Equal(0, Run("validate", seed).Code);
        Assert.Equal(2, Run("validate", seed, "--strict").Code);
    }

    [Fact]
    public void Json_output_has_the_documented_shape()
    {
        using var dir = new TempDirectory();
        var seed = dir.Write("bad.yaml", SeedText.Valid.Replace("uid: 2001, gid: 2001", "uid: 0, gid: 70000"));
        var (code, output) = Run("validate", seed, "--output", "json");
        Assert.Equal(2, code);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.False(json.GetProperty("valid").GetBoolean());
        var error = Assert.Single(json.GetProperty("errors").EnumerateArray());
        Assert.Equal("USER-ID-RANGE", error.GetProperty("rule").GetString());
        Assert.Equal("users[0].uid", error.GetProperty("path").GetString());
        Assert.Equal(14, error.GetProperty("line").GetInt32());
        Assert.Equal(25, error.GetProperty("column").GetInt32());
        Assert.EndsWith("bad.yaml", error.GetProperty("file").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("hint").GetString()));
        Assert.Single(json.GetProperty("warnings").EnumerateArray());
    }

    [Fact]
    public void Unreadable_file_exits_2_with_a_clear_message()
    {
        var (code, output) = Run("validate", "/nonexistent/seed.yaml");
        Assert.Equal(2, code);
        Assert.Contains("does not exist", output);
    }

    [Fact]
    public void Schema_command_prints_the_schema()
    {
        var (code, output) = Run("schema");
        Assert.Equal(0, code);
        Assert.Equal(Petal.Seeds.Schema.JsonSchemaWriter.Write(), output);
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "console";
}
