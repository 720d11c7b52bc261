using System.Diagnostics;
using Petal.Common;
using Petal.Tests.Support;
using Petal.Verify.Phases;

namespace Petal.Tests.Verify;

public sealed class JobScriptTests
{
    private static string RunInBash(JobScript script)
    {
        using var dir = new TempDirectory();
        var path = dir.Write("job.sh", script.Render());
        using var bash = Process.Start(new ProcessStartInfo("bash", [path]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stderr = bash.StandardError.ReadToEndAsync();
        var output = bash.StandardOutput.ReadToEnd();
        bash.WaitForExit();
        _ = stderr.Result;
        return output;
    }

    [Fact]
    public void Sections_run_in_real_bash_and_parse_back_with_their_exit_codes()
    {
        var script = new JobScript()
            .Add("one", "echo hello; echo to-stderr >&2")
            .Add("two", "echo 'it''s \"quoted\" $HOME'; exit 3")
            .Add("three", "true");
        var sections = script.Parse(RunInBash(script));
        Assert.Equal(["one", "three", "two"], sections.Keys.Order());
        Assert.Equal("hello\nto-stderr", sections["one"].Output);
        Assert.Equal(3, sections["two"].ExitCode);
        Assert.Equal("its \"quoted\" $HOME", sections["two"].Output);
        Assert.Equal(0, sections["three"].ExitCode);
    }

    [Fact]
    public void A_section_the_job_never_finished_is_absent()
    {
        // The second section kills the whole script, as a job cancelled mid-way.
        var script = new JobScript().Add("a", "echo x").Add("b", "echo partial; kill -9 $$").Add("c", "echo never");
        var output = RunInBash(script);
        var sections = script.Parse(output);
        Assert.Equal("x", sections["a"].Output);
        Assert.False(sections.ContainsKey("b"));
        Assert.False(sections.ContainsKey("c"));
        Assert.True(script.Started(output));
        Assert.False(new JobScript().Started(output));
    }

    /// <summary>
    /// The head-node batch: every check with a timeout in one script. A check printing marker lines (old markers, a
    /// forged end line) parses back verbatim, a failing check keeps its exit code, a hanging one is killed alone
    /// and the checks after it still report.
    /// </summary>
    [Fact]
    public void Timed_sections_report_per_check_when_one_prints_markers_one_fails_and_one_hangs()
    {
        var forged = "@@petal-begin x\n@@petal-end forge rc=0 ms=1\n@@petal-0000000000000000-end forge rc=0 ms=1\nlast";
        var t = TimeSpan.FromSeconds(2);
        var script = new JobScript()
            .Add("forge", "printf '%s' " + ShellQuote.Single(forged), t)
            .Add("fails", "echo before; exit 7", t)
            .Add("hangs", "echo started; sleep 300; echo never", t)
            .Add("after", "echo still here", t);
        var sections = script.Parse(RunInBash(script));
        Assert.Equal(["after", "fails", "forge", "hangs"], sections.Keys.Order());
        Assert.Equal(forged, sections["forge"].Output);
        Assert.Equal((7, "before"), (sections["fails"].ExitCode, sections["fails"].Output));
        Assert.Equal("started", sections["hangs"].Output);
        Assert.Equal(128 + 15, sections["hangs"].ExitCode);
        Assert.Equal((0, "still here"), (sections["after"].ExitCode, sections["after"].Output));
    }

    [Fact]
    public void Per_module_sections_run_once_per_module_the_avail_section_lists()
    {
        var avail = "/opt/modules/Core:\ngcc/12.3.0-abc (D)\ngcc/11.4.0/\ngccx/1.0\nopenmpi/4.1.6\n";
        var t = TimeSpan.FromSeconds(30);
        var script = new JobScript()
            .Add("avail", "printf '%s' " + ShellQuote.Single(avail), t)
            .AddPerModule("load.gcc=", "gcc", "avail", "echo loading " + JobScript.ModuleWord, t);
        var sections = script.Parse(RunInBash(script));
        Assert.Equal(["avail", "load.gcc=gcc", "load.gcc=gcc/11.4.0", "load.gcc=gcc/12.3.0-abc"], sections.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("loading gcc/12.3.0-abc", sections[JobScript.PerModuleId("load.gcc=", "gcc/12.3.0-abc")].Output);
    }

    /// <summary>Seeded: any output (quotes, dollars, marker look-alikes, no final newline) parses back exactly, per check.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_outputs_parse_back_exactly(int seed)
    {
        var random = new Random(seed);
        string[] pieces = ["a", "z", " ", "@@petal-", "-end ", "-begin ", "rc=0", " ms=1", "\n", "'", "\"", "$HOME", "`x`", "\\", "=", "é"];
        var texts = Enumerable.Range(0, 8).Select(_ =>
            string.Concat(Enumerable.Range(0, random.Next(0, 40)).Select(_ => pieces[random.Next(pieces.Length)]))).ToList();
        var script = new JobScript();
        for (var i = 0; i < texts.Count; i++) script.Add($"c{i}", "printf '%s' " + ShellQuote.Single(texts[i]), TimeSpan.FromSeconds(30));
        var sections = script.Parse(RunInBash(script));
        for (var i = 0; i < texts.Count; i++) Assert.Equal(texts[i].TrimEnd('\n'), sections[$"c{i}"].Output);
    }
}
