using System.Diagnostics;
using Petal.Plans;
using Petal.Seeds;
using Petal.Tests.Support;

namespace Petal.Tests.Plans;

public class BootstrapScriptTests
{
    /// <summary>bash -n and shellcheck -S warning over every script of every seed for one layout, in one shellcheck run.</summary>
    [Theory]
    [InlineData(SoftwareLayout.Ami)]
    [InlineData(SoftwareLayout.Shared)]
    [InlineData(SoftwareLayout.Hybrid)]
    [InlineData(SoftwareLayout.Snapshot)]
    public void Every_script_is_bash_n_and_shellcheck_clean(SoftwareLayout layout)
    {
        using var dir = new TempDirectory();
        var files = new List<string>();
        foreach (var name in PlanFixtures.SeedNames())
        {
            var plan = PlanFixtures.Create(PlanFixtures.Named(name), layout);
            foreach (var (rel, content) in plan.Files.Where(f => f.Key.EndsWith(".sh")))
                files.Add(dir.Write($"{name.Replace('/', '_')}/{rel}", content));
        }
        Assert.True(files.Count >= 2 * PlanFixtures.SeedNames().Count());
        var syntax = Run("bash", ["-c", "for f; do bash -n \"$f\" || echo \"bash -n failed: $f\"; done", "_", .. files]);
        Assert.Equal("", syntax.Output.Trim());
        // shellcheck sees seed data only as single-quoted words, which cannot change a warning; scripts
        // that are equal once every quoted word is 'x' (and arrays have one item) lint the same, so only
        // those distinct shapes are linted (shellcheck over ~400 scripts would take minutes of shared CPU).
        var shapes = files.GroupBy(f => Shape(File.ReadAllText(f))).Select(g => g.First()).ToList();
        var lint = Run("shellcheck", ["-S", "warning", "-f", "gcc", .. shapes]);
        Assert.True(lint.Code == 0, lint.Output);
    }

    [Fact]
    public void Progress_runs_from_0_to_100_and_login_init_is_idempotent()
    {
        using var box = new ScriptSandbox();
        var plan = PlanFixtures.Create(TestSeeds.Full(), SoftwareLayout.Shared);
        Directory.CreateDirectory(box.Root + "/opt/slurm/etc");
        var first = box.Run(plan.Files[PlanFiles.HeadNode], "login-init");
        Assert.Equal(0, first.ExitCode);
        var progress = first.Output.Split('\n').Where(l => l.StartsWith("PETAL_PROGRESS ")).Select(l => int.Parse(l.Split(' ')[1])).ToList();
        Assert.Equal(0, progress[0]);
        Assert.Equal(100, progress[^1]);
        Assert.Equal(progress.Order(), progress);
        box.Run(plan.Files[PlanFiles.HeadNode], "login-init");
        var slurmSh = File.ReadAllLines(box.Root + "/opt/slurm/etc/slurm.sh");
        Assert.Equal(["if [ -r /shared/spack/petal-init.sh ]; then . /shared/spack/petal-init.sh; fi # petal"], slurmSh);
        Assert.Single(File.ReadAllLines(box.Root + "/opt/slurm/etc/slurm.csh"));
    }

    [Fact]
    public void A_failing_step_prints_PETAL_ERROR_with_the_step_and_exits_non_zero()
    {
        using var box = new ScriptSandbox();
        var plan = PlanFixtures.Create(TestSeeds.Full(), SoftwareLayout.Ami);
        var (code, output) = box.Run(plan.Files[PlanFiles.ComputeNode], "software-verify");
        Assert.NotEqual(0, code);
        Assert.Contains("PETAL_ERROR software-verify", output.Replace("PETAL_ERROR software ", "PETAL_ERROR software-verify "));
        box.Tool("systemctl", "exit 3");
        var mounts = box.Run(plan.Files[PlanFiles.ComputeNode], "mounts");
        Assert.Equal(3, mounts.ExitCode);
        Assert.Contains("PETAL_ERROR mounts command failed with exit code 3", mounts.Output);
        Assert.Contains("PETAL_ERROR start unknown section bogus", box.Run(plan.Files[PlanFiles.ComputeNode], "bogus").Output);
    }

    [Fact]
    public void Users_get_exact_ids_once_and_a_conflicting_uid_is_an_error()
    {
        using var box = new ScriptSandbox();
        var plan = PlanFixtures.Create(TestSeeds.Full(), SoftwareLayout.Ami);
        Assert.Equal(0, box.Run(plan.Files[PlanFiles.HeadNode], "users").ExitCode);
        Assert.Equal(0, box.Run(plan.Files[PlanFiles.HeadNode], "users").ExitCode);
        var adds = box.Calls().Where(c => c[0] is "useradd" or "groupadd").ToList();
        Assert.Equal(4, adds.Count); // alice + group alice, bob + group bob (2000), once each
        Assert.Contains(adds, c => c.SequenceEqual(["useradd", "-m", "-u", "2001", "-g", "2001", "-s", "/bin/bash", "--", "alice"]));

        using var clash = new ScriptSandbox();
        clash.AddUser("alice:x:3000:3000::/home/alice:/bin/bash");
        var (code, output) = clash.Run(plan.Files[PlanFiles.ComputeNode], "users");
        Assert.NotEqual(0, code);
        Assert.Contains("PETAL_ERROR users user alice exists with uid 3000, the seed wants 2001", output);
    }

    [Fact]
    public void Spack_installs_compilers_first_then_the_environment_once_and_is_idempotent()
    {
        using var box = new ScriptSandbox();
        var plan = PlanFixtures.Create(TestSeeds.Full(), SoftwareLayout.Shared);
        box.InstallFakeSpack(plan.SoftwareRoot);
        Assert.Equal(0, box.Run(plan.Files[PlanFiles.HeadNode], "spack-setup,spack-install").ExitCode);
        var spack = box.Calls().Where(c => c[0] == "spack").Select(c => string.Join(' ', c[1..])).ToList();
        var nproc = Environment.ProcessorCount.ToString();
        Assert.Equal([
            "--version",
            "buildcache keys --install --trust",
            "compiler find --scope site",
            $"install --fail-fast -j {nproc} --use-buildcache auto gcc@13.2.0",
            "location -i gcc@13.2.0",
            "compiler find --scope site /fake/prefix",
            $"install --fail-fast -j {nproc} --use-buildcache auto lmod@8.7.37",
            "location -i lmod@8.7.37",
            $"-e {box.Root}/shared/spack/environment install --fail-fast -j {nproc} --use-buildcache auto",
            $"-e {box.Root}/shared/spack/environment module lmod refresh --delete-tree -y",
        ], spack);
        Assert.Equal(plan.Files[PlanFiles.SpackEnv], File.ReadAllText(box.Root + "/shared/spack/environment/spack.yaml"));
        Assert.Equal(plan.Files[PlanFiles.SpackMirrors], File.ReadAllText(box.Root + "/shared/spack/etc/spack/mirrors.yaml"));
        Assert.Equal(plan.Fingerprint, File.ReadAllText(box.Root + "/shared/spack/.petal-complete").Trim());
        Assert.Contains(". /fake/prefix/lmod/lmod/init/bash", File.ReadAllText(box.Root + "/shared/spack/petal-init.sh"));

        var before = box.Calls().Count;
        Assert.Equal(0, box.Run(plan.Files[PlanFiles.HeadNode], "spack-install").ExitCode);
        Assert.Equal(before, box.Calls().Count); // marker matches: nothing reinstalled
    }

    [Fact]
    public void Compute_nodes_of_shared_layouts_wait_for_the_marker()
    {
        using var box = new ScriptSandbox();
        var plan = PlanFixtures.Create(TestSeeds.Full(), SoftwareLayout.Snapshot);
        var missing = box.Run(plan.Files[PlanFiles.ComputeNode], "software-wait");
        Assert.Contains("PETAL_ERROR software software " + plan.Fingerprint + " did not appear", missing.Output);
        box.InstallFakeSpack(plan.SoftwareRoot);
        File.WriteAllText(box.Root + plan.CompletionMarker, plan.Fingerprint + "\n");
        Assert.Equal(0, box.Run(plan.Files[PlanFiles.ComputeNode], "software-wait").ExitCode);
    }

    [Fact]
    public void Image_build_ends_with_cleanup_and_only_layouts_with_an_image_have_one()
    {
        foreach (var layout in TestSeeds.Layouts)
        {
            var plan = PlanFixtures.Create(TestSeeds.Full(), layout);
            Assert.Equal(layout != SoftwareLayout.Shared, plan.Files.ContainsKey(PlanFiles.ImageBuild));
            if (plan.Files.TryGetValue(PlanFiles.ImageBuild, out var image))
                Assert.Matches("PETAL_SECTION_LIST=\\(.* 'cleanup' \\)", image);
        }
    }

    static string Shape(string script)
    {
        var words = System.Text.RegularExpressions.Regex.Replace(script, "'[^']*'(\\\\''[^']*')*", "'x'");
        return System.Text.RegularExpressions.Regex.Replace(words, "( 'x')+", " 'x'");
    }

    static (int Code, string Output) Run(string file, string[] args)
    {
        var psi = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        var o = p.StandardOutput.ReadToEndAsync();
        var e = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return (p.ExitCode, o.Result + e.Result);
    }
}
