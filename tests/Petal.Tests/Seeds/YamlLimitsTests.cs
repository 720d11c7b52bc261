using System.Diagnostics;
using Petal.Common;
using Petal.Seeds.Yaml;
using Petal.Tests.Support;

namespace Petal.Tests.Seeds;

/// <summary>petal's one YAML reader: depth, aliases and their expansion, tags; and the files it reads (regular only, size from the stream).</summary>
public class YamlLimitsTests
{
    private static Diagnostic Error(string yaml) => Assert.Single(YamlTreeReader.Read(yaml, "x.yaml").Diagnostics);

    [Fact]
    public void Alias_expansion_counts_toward_the_node_limit_and_the_error_is_located()
    {
        var yaml = "s0: &s0 [x, x]\n" + string.Concat(Enumerable.Range(1, 24).Select(i => $"s{i}: &s{i} [*s{i - 1}, *s{i - 1}]\n"));
        var d = Error(yaml);
        Assert.Contains($"more than {YamlTreeReader.MaxNodes} YAML nodes", d.Message);
        // sN stands for 2^(N+2) - 1 nodes: the running count passes 200,000 at s15, on line 16.
        Assert.Equal(16, d.Location!.Value.Line);
    }

    [Fact]
    public void Aliases_within_the_bounds_are_read_as_before()
    {
        var (root, diagnostics) = YamlTreeReader.Read("a: &a [1, 2]\nb: *a\nc: *a\n", "x.yaml");
        Assert.Empty(diagnostics);
        Assert.Same(((YMapping)root!).Get("a"), ((YMapping)root).Get("c"));
    }

    [Fact]
    public void Too_many_aliases_are_refused()
    {
        var yaml = "a: &a 1\nb: [" + string.Join(", ", Enumerable.Repeat("*a", YamlTreeReader.MaxAliases + 1)) + "]\n";
        Assert.Contains($"more than {YamlTreeReader.MaxAliases} aliases", Error(yaml).Message);
    }

    [Theory]
    [InlineData(100_000, "[", "]")]
    [InlineData(50_000, "{a: ", "}")]
    public void Deep_nesting_ends_at_the_depth_limit(int depth, string open, string close)
    {
        var d = Error("a: " + string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth)));
        Assert.Contains($"nests deeper than {YamlTreeReader.MaxDepth} levels", d.Message);
        Assert.Equal(1, d.Location!.Value.Line);
    }

    [Fact]
    public void Standard_tags_are_honoured()
    {
        var (root, diagnostics) = YamlTreeReader.Read("a: !!str 5\nb: !!int 5\nc: ! 5\nd: !!map {x: 1}\ne: !!seq [1]\nf: !!bool true\n", "x.yaml");
        Assert.Empty(diagnostics);
        var map = (YMapping)root!;
        Assert.False(ScalarValues.TryInteger((YScalar)map.Get("a")!, out _));
        Assert.True(ScalarValues.TryInteger((YScalar)map.Get("b")!, out var five) && five == 5);
        Assert.False(ScalarValues.TryInteger((YScalar)map.Get("c")!, out _));
    }

    [Theory]
    [InlineData("a: !petal 5\n", "1:4", "unknown tag '!petal'")]
    [InlineData("a: !<tag:example.com,2000:x> 5\n", "1:4", "unknown tag 'tag:example.com,2000:x'")]
    [InlineData("a:\n  b: !!int five\n", "2:6", "'five' is not a valid !!int")]
    [InlineData("a: !!map [1]\n", "1:4", "tag '!!map' does not fit this list")]
    [InlineData("a: !!binary aGk=\n", "1:4", "tag '!!binary' does not fit this value")]
    public void Other_tags_are_refused_where_they_are(string yaml, string at, string message)
    {
        var d = Error(yaml);
        Assert.Equal($"x.yaml:{at}", d.Location.ToString());
        Assert.Contains(message, d.Message);
    }
}

/// <summary>Input files: regular files only, refused without blocking; size counted on the stream.</summary>
public class InputFilesTests
{
    private static string Fifo(TempDirectory dir)
    {
        var path = dir.File("seed.fifo");
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }

    [Fact]
    public void A_fifo_is_refused_without_blocking()
    {
        using var dir = new TempDirectory();
        var read = Task.Run(() => (InputFiles.TryReadText(Fifo(dir), out _, out var problem), problem));
        Assert.True(read.Wait(TimeSpan.FromSeconds(30)), "reading a FIFO blocked");
        Assert.False(read.Result.Item1);
        Assert.EndsWith("seed.fifo is a FIFO, not a regular file", read.Result.problem);
    }

    [Theory]
    [InlineData("/dev/zero", "a character device")]
    [InlineData("/dev/null", "a character device")]
    [InlineData("/tmp", "a directory")]
    public void Devices_and_directories_are_refused(string path, string kind)
    {
        Assert.False(InputFiles.TryReadText(path, out _, out var problem));
        Assert.Equal($"{path} is {kind}, not a regular file", problem);
    }

    [Fact]
    public void Size_is_counted_on_what_is_read()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("big.yaml", new string('a', 2049));
        Assert.False(InputFiles.TryReadText(path, 2048, out _, out var problem));
        Assert.EndsWith("is larger than 2 KiB", problem);
        Assert.True(InputFiles.TryReadText(path, 4096, out var text, out _));
        Assert.Equal(2049, text.Length);
        // /proc files report length 0 and are read from the stream (and refused only by content, not by length).
        Assert.True(InputFiles.TryReadText("/proc/self/status", out var status, out _));
        Assert.Contains("Name:", status);
    }

    [Fact]
    public void A_symlink_to_a_regular_file_is_read_and_a_missing_file_is_named()
    {
        using var dir = new TempDirectory();
        var target = dir.Write("a.yaml", "x: 1\n");
        File.CreateSymbolicLink(dir.File("link.yaml"), target);
        Assert.True(InputFiles.TryReadText(dir.File("link.yaml"), out var text, out _));
        Assert.Equal("x: 1\n", text);
        Assert.False(InputFiles.TryReadText(dir.File("none.yaml"), out _, out var problem));
        Assert.EndsWith("none.yaml does not exist", problem);
    }

    [Fact]
    public async Task Validate_a_fifo_or_a_device_exits_2_at_once()
    {
        using var dir = new TempDirectory();
        foreach (var (path, kind) in new[] { (Fifo(dir), "a FIFO"), ("/dev/zero", "a character device") })
        {
            var run = await PetalProcess.RunAsync(["validate", path], timeout: TimeSpan.FromSeconds(60));
            Assert.Equal(2, run.ExitCode);
            Assert.Contains($"is {kind}, not a regular file", run.Stdout + run.Stderr);
        }
    }

    [Fact]
    public async Task A_seed_extending_a_fifo_is_a_located_error()
    {
        using var dir = new TempDirectory();
        Fifo(dir);
        var seed = dir.Write("seed.yaml", "extends: seed.fifo\n" + SeedText.Valid);
        var run = await PetalProcess.RunAsync(["validate", seed], timeout: TimeSpan.FromSeconds(60));
        Assert.Equal(2, run.ExitCode);
        Assert.Matches(@"seed\.yaml:1:10: error\[SEED-EXTENDS\].*is a FIFO, not a regular file", run.Stdout);
    }

    [Fact]
    public void A_string_tagged_count_is_a_type_error_in_a_seed()
    {
        var result = SeedText.Load(SeedText.Valid.Replace("max_count: 4", "max_count: !!str 4"));
        var d = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal("compute.queues[0].max_count", d.Path);
        Assert.Contains("expected an integer", d.Message);
    }
}
