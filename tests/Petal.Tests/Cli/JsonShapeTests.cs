using System.Text.Json;
using System.Text.RegularExpressions;
using Petal.Tests.Support;

namespace Petal.Tests.Cli;

/// <summary>
/// One JSON shape for every command: an object (never a bare array), snake_case names with units as whole
/// suffixes (memory_mib, not memory_mi_b; vcpus, not v_cpus), and failures as one {"error": {...}} object.
/// </summary>
public partial class JsonShapeTests
{
    private static readonly string Seed = Path.Combine(RepoPaths.Seeds, "examples", "local-one-queue.yaml");
    private static readonly string Examples = Path.Combine(RepoPaths.Root, "examples");

    [GeneratedRegex("^[a-z][a-z0-9]*(_[a-z0-9]+)*$")]
    private static partial Regex SnakeCase();

    /// <summary>Units and words plain snake_case splits: the policy spells them whole.</summary>
    [GeneratedRegex("(^|_)([kmgt]i_b|v_cpus?|us_d)(_|$)")]
    private static partial Regex SplitUnit();

    [GeneratedRegex("^[A-Za-z0-9_]+$")]
    private static partial Regex Identifier();

    public static TheoryData<string> Commands()
    {
        var data = new TheoryData<string>();
        foreach (var c in new[]
        {
            "version", $"validate {Seed}", "spec hdf5@1.14+mpi%gcc@12", "catalog show c6i.large", "catalog list --family c6i",
            "spot select --vcpus 16", $"spot estimate {Examples}/spot/plan.yaml", $"garden describe {Seed}",
            $"garden simulate --clusters {Examples}/garden/clusters --jobs {Examples}/garden/jobs", "list --provider local",
            $"plan {Seed} -o PLANDIR",
        })
            data.Add(c);
        return data;
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Every_command_prints_one_object_named_by_the_policy(string command)
    {
        using var dir = new TempDirectory();
        var args = command.Replace("PLANDIR", Path.Combine(dir.Path, "plan")).Split(' ').Append("--output").Append("json");
        var r = await PetalProcess.RunAsync(args, new Dictionary<string, string> { ["PETAL_STATE_DIR"] = dir.Path });

        Assert.True(r.ExitCode == 0, $"{command}: exit {r.ExitCode}: {r.Stderr}");
        var root = JsonDocument.Parse(r.Stdout).RootElement;
        Assert.Equal(JsonValueKind.Object, root.ValueKind);
        Assert.Empty(Violations(root, "$"));
    }

    [Theory]
    [InlineData("catalog show c6i.nosuch", 2)]
    [InlineData("catalog list --limit many", 2)]
    [InlineData("spot select --vcpus 0", 2)]
    [InlineData("status no-such-cluster-xyz --provider local", 2)]
    public async Task A_failure_is_one_error_object(string command, int exitCode)
    {
        using var dir = new TempDirectory();
        var r = await PetalProcess.RunAsync(command.Split(' ').Append("--output").Append("json"),
            new Dictionary<string, string> { ["PETAL_STATE_DIR"] = dir.Path });

        Assert.Equal(exitCode, r.ExitCode);
        var error = JsonDocument.Parse(r.Stdout).RootElement.GetProperty("error");
        Assert.Equal(exitCode, error.GetProperty("exit_code").GetInt32());
        Assert.Equal(exitCode == 2 ? "invalid_input" : "failure", error.GetProperty("kind").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
    }

    /// <summary>
    /// Every property name that breaks the policy. Keys that are data (instance types, queue and cluster names,
    /// file paths: they hold '.', '-' or '/') are not names and are not checked.
    /// </summary>
    private static List<string> Violations(JsonElement e, string path)
    {
        var found = new List<string>();
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                {
                    if (Identifier().IsMatch(p.Name) && (!SnakeCase().IsMatch(p.Name) || SplitUnit().IsMatch(p.Name)))
                        found.Add($"{path}.{p.Name}");
                    found.AddRange(Violations(p.Value, $"{path}.{p.Name}"));
                }
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in e.EnumerateArray()) found.AddRange(Violations(item, $"{path}[{i++}]"));
                break;
        }
        return found;
    }
}
