using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Petal.Cli;
using Petal.Tests.Support;

namespace Petal.Tests.Cli;

/// <summary>
/// The installed tool's Native AOT entry point (src/Petal.Native) must be indistinguishable from the managed petal:
/// validate and plan byte-identical on every seed of the repository (stdout, stderr, exit code, written files), and
/// every other command line handed on with the same arguments, output, exit code, pid and signals.
/// </summary>
public class NativeEntryPointTests
{
    [Theory]
    [InlineData("validate")]
    [InlineData("plan")]
    [InlineData("schema")]
    public void The_native_list_names_only_commands_it_builds_and_the_full_tree_has_them(string name)
    {
        Assert.Equal(name, Assert.Single(NativeCommands.BuildFor([name, "x"])!.Subcommands, c => c.Name == name).Name);
        Assert.Contains(PetalCli.BuildRoot().Subcommands, c => c.Name == name);
    }

    [Theory]
    [InlineData("garden", "serve")]
    [InlineData("version")]
    [InlineData("--help")]
    [InlineData("--version")]
    [InlineData("no-such-command")]
    [InlineData("validate", "seed.yaml", "--output", "json")]
    [InlineData("plan", "seed.yaml", "--output=json")]
    [InlineData()]
    public void Other_command_lines_are_handed_on(params string[] args) => Assert.Null(NativeCommands.BuildFor(args));

    [NativeFact]
    public async Task Validate_and_plan_are_byte_identical_to_the_managed_petal_on_every_seed()
    {
        using var temp = new TempDirectory();
        var broken = temp.File("broken.yaml");
        File.WriteAllText(broken, "cluster:\n  name: Bad_Name\n  region: nowhere-1\nqueues: [\n");
        var seeds = Directory.EnumerateFiles(RepoPaths.Seeds, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Append(broken).Append(temp.File("missing.yaml")).ToList();
        Assert.True(seeds.Count > 10, $"expected the seed library under {RepoPaths.Seeds}");
        foreach (var seed in seeds)
        {
            await AssertSame(temp, ["validate", seed]);
            await AssertSame(temp, ["validate", seed, "--strict"]);
            await AssertSame(temp, ["plan", seed, "-o", "plan"]);
        }
        await AssertSame(temp, ["schema"]);
        await AssertSame(temp, ["validate"]);
        await AssertSame(temp, ["plan", seeds[0], "--layout", "nonsense"]);
    }

    [NativeFact]
    public async Task Other_command_lines_run_the_managed_petal_with_the_same_output_and_exit_code()
    {
        using var temp = new TempDirectory();
        var seed = Directory.EnumerateFiles(Path.Combine(RepoPaths.Seeds, "examples"), "*.yaml").Order(StringComparer.Ordinal).First();
        foreach (var args in new[]
                 {
                     ["--version"], ["--help"], ["version"], ["no-such-command"], ["catalog", "--help"],
                     ["validate", seed, "--output", "json"], ["plan", seed, "-o", "plan", "--output", "json"], new[] { "plan", "--bogus" },
                 })
            await AssertSame(temp, args);
    }

    [NativeFact]
    public async Task A_handed_on_command_keeps_the_pid_and_Ctrl_C_reaches_it()
    {
        var (native, _) = NativeLayout.Get();
        var outcomes = new List<(int ExitCode, string Output)>();
        foreach (var executable in new[] { native, Path.Combine(AppContext.BaseDirectory, "Petal.Cli") })
        {
            using var temp = new TempDirectory();
            using var serve = await Petal.Tests.Garden.Service.ServeProcess.StartAsync(executable, [], temp);
            try
            {
                // exec kept the pid: the process started as the native entry point is now the managed petal.
                Assert.Equal("Petal.Cli", Path.GetFileName(new FileInfo($"/proc/{serve.Process.Id}/exe").LinkTarget));
                Assert.Equal(0, kill(serve.Process.Id, 2)); // SIGINT, as Ctrl-C sends it
                await serve.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            }
            finally
            {
                if (!serve.Process.HasExited) serve.Process.Kill();
            }
            serve.Process.WaitForExit();
            outcomes.Add((serve.Process.ExitCode, serve.Output.Split('\n', 2)[1]));
        }
        // Stopped by the signal either way: the host's graceful shutdown (0) or the cancelled command (130) answers
        // Ctrl-C first, in the managed petal run directly too; no more output after the listening line.
        foreach (var (exitCode, rest) in outcomes)
        {
            Assert.Contains(exitCode, new[] { 0, 130 });
            Assert.Equal(outcomes[1].Output, rest);
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    /// <summary>Runs args natively and managed, each in a fresh working folder, and compares everything they produce.</summary>
    private static async Task AssertSame(TempDirectory temp, string[] args)
    {
        var (native, _) = NativeLayout.Get();
        var runs = new List<(PetalProcess.Result Result, string Files)>();
        foreach (var (label, executable) in new[] { ("native", native), ("managed", Path.Combine(AppContext.BaseDirectory, "Petal.Cli")) })
        {
            var cwd = Directory.CreateDirectory(temp.File($"{label}-{Guid.NewGuid():N}")).FullName;
            var result = await Run(executable, args, cwd);
            runs.Add((result, Snapshot(cwd)));
            Directory.Delete(cwd, recursive: true);
        }
        var line = string.Join(' ', args);
        Assert.True(runs[0].Result == runs[1].Result, $"petal {line}: native {runs[0].Result} vs managed {runs[1].Result}");
        Assert.True(runs[0].Files == runs[1].Files, $"petal {line}: native wrote\n{runs[0].Files}\nmanaged wrote\n{runs[1].Files}");
    }

    /// <summary>Every file under <paramref name="dir"/> with its mode and contents.</summary>
    private static string Snapshot(string dir) => string.Join("\n", Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
        .Order(StringComparer.Ordinal)
        .Select(f => $"{Path.GetRelativePath(dir, f)} {File.GetUnixFileMode(f)} {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))}"));

    private static async Task<PetalProcess.Result> Run(string executable, string[] args, string cwd)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = cwd };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        return new PetalProcess.Result(process.ExitCode, await stdout, await stderr);
    }
}

/// <summary>
/// The native entry point laid out as in the tool package: a copy of the executable in a folder of its own, beside a
/// link to the managed Petal.Cli these tests run (its apphost finds Petal.Cli.dll beside its real path).
/// </summary>
internal static class NativeLayout
{
    /// <summary>PETAL_NATIVE, else where `dotnet publish src/Petal.Native -c Release -r linux-x64` puts it.</summary>
    public static string Built => Environment.GetEnvironmentVariable("PETAL_NATIVE") is { Length: > 0 } path ? path
        : Path.Combine(RepoPaths.Root, "src", "Petal.Native", "bin", "Release", "net10.0", "linux-x64", "publish", "Petal.Native");

    public static string? Missing =>
        !OperatingSystem.IsLinux() || RuntimeInformation.OSArchitecture != Architecture.X64 ? "the native entry point is built for linux-x64 here"
        : !File.Exists(Built) ? $"no native petal at {Built}: build it with `dotnet publish src/Petal.Native -c Release -r linux-x64` "
            + "(scripts/test.sh does on linux-x64) or set PETAL_NATIVE" : null;

    private static readonly Lazy<(string Native, string Dir)> Layout = new(() =>
    {
        var dir = Directory.CreateTempSubdirectory($"petal-native-{Environment.ProcessId}-").FullName;
        var native = Path.Combine(dir, "Petal.Native");
        File.Copy(Built, native);
        File.CreateSymbolicLink(Path.Combine(dir, "Petal.Cli"), Path.Combine(AppContext.BaseDirectory, "Petal.Cli"));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(dir, recursive: true);
        return (native, dir);
    });

    public static (string Native, string Dir) Get() => Layout.Value;
}

/// <summary>A fact that needs the native entry point: skipped with <see cref="NativeLayout.Missing"/> where it is not built.</summary>
public sealed class NativeFactAttribute : FactAttribute
{
    public NativeFactAttribute()
    {
        if (NativeLayout.Missing is { } reason) Skip = reason;
    }
}
