using System.Text.Json;
using Petal.Tests.Support;

namespace Petal.Tests.Plans;

/// <summary>
/// `petal plan -o DIR` through the real CLI (issues 13 and 14): never writes through a link, writes an exact set
/// (an earlier plan's files replaced, stale ones gone), refuses a folder holding anything else unless --force,
/// and refuses an empty or file output path with exit 2.
/// </summary>
public sealed class PlanOutputTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private static readonly string Seed = Path.Combine(RepoPaths.Seeds, "examples", "minimal.yaml");

    private static Task<PetalProcess.Result> Plan(params string[] args) => PetalProcess.RunAsync(["plan", Seed, .. args]);

    private static IReadOnlyList<string> Listed(string dir) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "plan.json"))).RootElement.GetProperty("files")
            .EnumerateArray().Select(f => f.GetProperty("path").GetString()!).Order(StringComparer.Ordinal).ToList();

    private static IReadOnlyList<string> Present(string dir) =>
        Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(dir, f))
            .Order(StringComparer.Ordinal).ToList();

    [Fact]
    public async Task An_empty_output_path_is_exit_2()
    {
        var r = await Plan("-o", "");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("-o: the output folder is empty", r.Stderr);
    }

    [Fact]
    public async Task A_file_as_output_path_is_exit_2_and_the_file_is_unchanged()
    {
        var file = _dir.Write("a-file", "mine");
        var r = await Plan("-o", file);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("is a file, not a directory", r.Stderr);
        Assert.Equal("mine", File.ReadAllText(file));
    }

    [Theory]
    [InlineData("ami", "shared")]
    [InlineData("snapshot", "shared")]
    [InlineData("shared", "hybrid")]
    public async Task Re_planning_leaves_exactly_the_new_plans_files(string first, string second)
    {
        var dir = _dir.File("plan");
        Assert.Equal(0, (await Plan("-o", dir, "--layout", first)).ExitCode);
        Assert.Equal(Listed(dir), Present(dir));
        var again = await Plan("-o", dir, "--layout", second);
        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Equal(Listed(dir), Present(dir));
        if (second == "shared") Assert.False(File.Exists(Path.Combine(dir, "bootstrap", "image-build.sh")));
    }

    [Fact]
    public async Task A_folder_with_other_entries_is_refused_unless_force_which_leaves_them()
    {
        var dir = _dir.File("mixed");
        var notes = _dir.Write("mixed/notes.txt", "keep me");
        var r = await Plan("-o", dir);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("notes.txt", r.Stderr);
        Assert.Equal(["notes.txt"], Present(dir));

        var forced = await Plan("-o", dir, "--force");
        Assert.True(forced.ExitCode == 0, forced.Stderr);
        Assert.Equal("keep me", File.ReadAllText(notes));
        Assert.Equal(Listed(dir).Append("notes.txt").Order(StringComparer.Ordinal), Present(dir));
    }

    [Fact]
    public async Task A_linked_script_never_writes_its_target()
    {
        var dir = _dir.File("linked");
        Assert.Equal(0, (await Plan("-o", dir)).ExitCode);
        var target = _dir.Write("victim.sh", "victim");
        File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var script = Path.Combine(dir, "bootstrap", "head-node.sh");
        File.Delete(script);
        File.CreateSymbolicLink(script, target);

        var r = await Plan("-o", dir);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("bootstrap/head-node.sh (a link)", r.Stderr);
        var forced = await Plan("-o", dir, "--force");
        Assert.True(forced.ExitCode == 0, forced.Stderr);

        Assert.Equal("victim", File.ReadAllText(target));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(target));
        Assert.Null(new FileInfo(script).LinkTarget);
        Assert.Equal(Listed(dir), Present(dir));
    }

    [Fact]
    public async Task A_linked_folder_inside_the_output_is_never_written_through()
    {
        var dir = _dir.File("linkdir");
        var outside = _dir.File("outside");
        Directory.CreateDirectory(outside);
        Directory.CreateDirectory(dir);
        Directory.CreateSymbolicLink(Path.Combine(dir, "bootstrap"), outside);

        Assert.Equal(2, (await Plan("-o", dir)).ExitCode);
        var forced = await Plan("-o", dir, "--force");
        Assert.True(forced.ExitCode == 0, forced.Stderr);
        Assert.Empty(Directory.EnumerateFileSystemEntries(outside));
        Assert.Null(new DirectoryInfo(Path.Combine(dir, "bootstrap")).LinkTarget);
    }

    [Fact]
    public async Task An_earlier_plan_json_only_removes_names_a_plan_has()
    {
        var dir = _dir.File("crafted");
        var victim = _dir.Write("victim.txt", "victim");
        _dir.Write("crafted/plan.json", """{ "files": [ { "path": "../victim.txt" }, { "path": "/etc/hostname" }, { "path": "cluster-config.yaml" } ] }""");
        var r = await Plan("-o", dir);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal("victim", File.ReadAllText(victim));
        Assert.Equal(Listed(dir), Present(dir));
    }

    public void Dispose() => _dir.Dispose();
}
