using System.Diagnostics;
using Petal.Tests.Support;
using Petal.Verify.Phases;

namespace Petal.Tests.Verify;

public sealed class JobScriptTests
{
    [Fact]
    public void Sections_run_in_real_bash_and_parse_back_with_their_exit_codes()
    {
        var script = new JobScript()
            .Add("one", "echo hello; echo to-stderr >&2")
            .Add("two", "echo 'it''s \"quoted\" $HOME'; exit 3")
            .Add("three", "true");
        using var dir = new TempDirectory();
        var path = dir.Write("job.sh", script.Render());
        using var bash = Process.Start(new ProcessStartInfo("bash", [path]) { RedirectStandardOutput = true })!;
        var output = bash.StandardOutput.ReadToEnd();
        bash.WaitForExit();

        var sections = JobScript.Parse(output);
        Assert.Equal(["one", "three", "two"], sections.Keys.Order());
        Assert.Equal("hello\nto-stderr", sections["one"].Output);
        Assert.Equal(3, sections["two"].ExitCode);
        Assert.Equal("its \"quoted\" $HOME", sections["two"].Output);
        Assert.Equal(0, sections["three"].ExitCode);
    }

    [Fact]
    public void A_section_the_job_never_finished_is_absent()
    {
        var sections = JobScript.Parse("@@petal-begin a\nx\n@@petal-end a rc=0 ms=5\n@@petal-begin b\npartial\n");
        Assert.Equal(TimeSpan.FromMilliseconds(5), sections["a"].Duration);
        Assert.False(sections.ContainsKey("b"));
    }
}
