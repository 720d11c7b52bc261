using Petal.Seeds;
using static Petal.Verify.Phases.PhaseContext;

namespace Petal.Verify.Phases;

/// <summary>The bash of the checks (every seed value single-quoted) and the judges of their output.</summary>
public static class CheckCommands
{
    public const string ModuleAvail = "module --redirect -t avail";

    /// <summary>Every seed user with the exact uid and gid; prints what it found, exits 1 on any mismatch.</summary>
    public static string Users(IReadOnlyList<SeedUser> users) =>
        "rc=0; for e in " + string.Join(' ', users.Select(u => Q($"{u.Name}:{u.Uid}:{u.Gid}"))) + "; do " +
        "IFS=: read -r n u g <<<\"$e\"; au=$(id -u \"$n\" 2>/dev/null); ag=$(id -g \"$n\" 2>/dev/null); " +
        "echo \"$n uid=${au:-missing} gid=${ag:-missing} (seed: $u/$g)\"; " +
        "if [ \"$au\" != \"$u\" ] || [ \"$ag\" != \"$g\" ]; then rc=1; fi; done; exit $rc";

    public static string SoftwareRoot(string root) => $"ls -la {Q(root)} && [ -n \"$(ls -A {Q(root)})\" ]";

    public static string LoadAndReport(string module, string versionCommand) => LoadAndReportWord(Q(module), versionCommand);

    /// <summary><see cref="LoadAndReport"/> of a module given as a bash word (a quoted variable such as <see cref="JobScript.ModuleWord"/>).</summary>
    public static string LoadAndReportWord(string moduleWord, string versionCommand) =>
        $"module load {moduleWord} && command -v {versionCommand.Split(' ')[0]} && {versionCommand}";

    public static string Load(string module) => LoadWord(Q(module));

    /// <summary><see cref="Load"/> of a module given as a bash word (a quoted variable such as <see cref="JobScript.ModuleWord"/>).</summary>
    public static string LoadWord(string moduleWord) => $"module load {moduleWord} && module --redirect -t list";

    public static Judgement UsersJudge(int exitCode, string output) =>
        exitCode == 0 ? Judgement.Ok("every seed user has the seed's uid/gid")
            : Judgement.Bad("uid/gid differ from the seed: " + string.Join("; ", output.Split('\n').Where(l => l.Contains("(seed:"))));

    /// <summary>`module avail` lists a module for every package (with an allowed version).</summary>
    public static Judgement AvailJudge(IReadOnlyList<SeedPackage> packages, int exitCode, string output)
    {
        var missing = packages.Where(p => p.FindModule(output) is null).Select(p => p.Spec).ToList();
        if (missing.Count > 0) return Judgement.Bad("module avail lists no module for " + string.Join(", ", missing));
        return exitCode == 0 ? Judgement.Ok($"all {packages.Count} seed packages have a module") : Judgement.Bad($"module avail exited {exitCode}");
    }

    /// <summary>The module loaded and the tool reports a version the seed allows.</summary>
    public static Judgement VersionJudge(SeedPackage package, int exitCode, string output)
    {
        if (exitCode != 0) return Judgement.Bad($"loading {package.Name} or running `{package.VersionCommand}` failed (exit {exitCode})");
        var (ok, seen) = package.CheckReported(output);
        return ok ? Judgement.Ok($"{package.Name} reports {seen}, as {package.Spec} asks")
            : Judgement.Bad(seen is null ? $"{package.Name} printed no version" : $"{package.Name} reports {seen}, the seed asks {package.Spec}");
    }
}
