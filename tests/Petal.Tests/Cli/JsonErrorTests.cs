using System.Text.Json;
using Petal.Tests.Support;

namespace Petal.Tests.Cli;

/// <summary>
/// Every command, given one bad input under --output json, prints one JSON error object of one shape on stdout (and
/// nothing else there) and exits 2: the error model's promise to scripts.
/// </summary>
public sealed class JsonErrorTests
{
    private static readonly string[] Shape = ["kind", "exit_code", "message", "diagnostics", "left_behind", "cleanup"];

    public static TheoryData<string, string[]> BadInputs()
    {
        var seed = Path.Combine(RepoPaths.Seeds, "library", "genomics-gatk.yaml");
        var data = new TheoryData<string, string[]>();
        void Add(string what, params string[] args) => data.Add(what, args);
        Add("unknown option", "plan", seed, "--bogus");
        Add("missing argument", "plan");
        Add("missing seed file", "plan", "/nonexistent/seed.yaml");
        Add("invalid seed", "plan", BadSeed);
        Add("bad --ssh-cidr", "plan", seed, "--ssh-cidr", "everyone");
        Add("bad --layout", "plan", seed, "--layout", "cloud");
        Add("invalid seed to create", "create", BadSeed);
        Add("invalid seed to ami build", "ami", "build", BadSeed);
        Add("invalid spec", "spec", "hdf5 +mpi+mpi");
        Add("unknown instance type", "catalog", "show", "c5.4xlarg");
        Add("missing spot plan", "spot", "estimate", "/nonexistent/plan.yaml");
        Add("bad queue name", "spot", "select", "--region", "us-east-1", "--vcpus", "4", "--as-queue", "Bad Name");
        Add("unknown cluster", "status", "no-such-cluster-xyz");
        Add("unknown twin to test", "test", "no-such-cluster-xyz");
        Add("missing job script", "capture", "jobs", "/nonexistent/job.sh");
        Add("unknown garden cluster", "garden", "describe", "no-such-cluster-xyz");
        Add("missing garden folder", "garden", "simulate", "--clusters", "/nonexistent/clusters", "--jobs", "/nonexistent/jobs");
        return data;
    }

    /// <summary>Stands for a seed file with two errors, written into each test's own folder.</summary>
    private const string BadSeed = "BAD_SEED";

    private static Task<PetalProcess.Result> RunAsync(TempDirectory dir, IEnumerable<string> args)
    {
        var seed = dir.Write("bad.yaml", "cluster:\n  name: 1bad\n  region: us-east-1\ncompute:\n  head_node: nosuch.type\n");
        return PetalProcess.RunAsync([.. args.Select(a => a == BadSeed ? seed : a), "--output", "json"],
            new Dictionary<string, string> { ["PETAL_STATE_DIR"] = dir.File("state") }, TimeSpan.FromSeconds(120));
    }

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task A_bad_input_yields_one_json_error_object_and_exit_2(string what, string[] args)
    {
        using var dir = new TempDirectory();
        var result = await RunAsync(dir, args);
        Assert.True(result.ExitCode == 2, $"{what}: exit {result.ExitCode}\n{result.Stdout}\n{result.Stderr}");
        using var doc = JsonDocument.Parse(result.Stdout);
        var root = doc.RootElement;
        Assert.Equal(["error"], root.EnumerateObject().Select(p => p.Name));
        var error = root.GetProperty("error");
        Assert.Equal(Shape, error.EnumerateObject().Select(p => p.Name));
        Assert.Equal("invalid_input", error.GetProperty("kind").GetString());
        Assert.Equal(2, error.GetProperty("exit_code").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()), what);
        Assert.Empty(error.GetProperty("left_behind").EnumerateArray());
        Assert.DoesNotContain("at Petal.", result.Stdout + result.Stderr);
    }

    [Fact]
    public async Task Located_problems_keep_their_file_line_and_column()
    {
        using var dir = new TempDirectory();
        var result = await RunAsync(dir, ["plan", BadSeed]);
        var diagnostics = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("error").GetProperty("diagnostics").EnumerateArray().ToList();
        Assert.True(diagnostics.Count >= 2, result.Stdout);
        Assert.All(diagnostics, d =>
        {
            Assert.Equal(dir.File("bad.yaml"), d.GetProperty("file").GetString());
            Assert.True(d.GetProperty("line").GetInt32() > 0);
        });
    }
}
