using System.Diagnostics;
using System.Text;
using Petal.Tests.Support;

namespace Petal.Tests.Plans;

/// <summary>
/// A throwaway environment to run generated script sections in: PETAL_PREFIX points every host path
/// into a temp root, and PATH-first recorders stand in for the commands that change a machine
/// (useradd, mount-s3, git, spack, systemctl, package managers). They append their argv to a log.
/// useradd/groupadd/getent are a small fake user database (named as such: real ones need root).
/// </summary>
public sealed class ScriptSandbox : IDisposable
{
    private readonly TempDirectory _dir = new();
    public string Root => _dir.File("root");
    public string Bin => _dir.File("bin");
    public string Log => _dir.File("record.log");
    public string Db => _dir.File("db");
    /// <summary>A file that must never be created: hostile strings try to touch it.</summary>
    public string Pwned => _dir.File("pwned");

    const string Record = "{ printf '%s\\0' \"$(basename \"$0\")\" \"$@\"; printf '\\036'; } >> \"$RECORD_LOG\"\n";

    public ScriptSandbox()
    {
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(Bin);
        Directory.CreateDirectory(Db);
        File.WriteAllText(Path.Combine(Db, "passwd"), "");
        File.WriteAllText(Path.Combine(Db, "group"), "");
        foreach (var cmd in new[] { "useradd", "groupadd", "usermod", "mount", "mount-s3", "fusermount", "git", "systemctl",
                     "dnf", "yum", "apt-get", "rpm", "dpkg", "curl" })
            Tool(cmd, "");
        Tool("getent", """
            db="$FAKE_DB/$1"
            if [ "$1" = passwd ]; then f=3; else f=3; fi
            line=$(awk -F: -v k="$2" -v f="$f" '$1 == k || $f == k' "$db" | head -1)
            [ -n "$line" ] || exit 2
            echo "$line"
            """);
        Tool("useradd", """
            while [ "$#" -gt 0 ]; do case "$1" in -u) uid=$2; shift 2;; -g) gid=$2; shift 2;; -s) shift 2;; --) name=$2; shift 2;; *) shift;; esac; done
            echo "$name:x:$uid:$gid::/home/$name:/bin/bash" >> "$FAKE_DB/passwd"
            """);
        Tool("groupadd", """
            while [ "$#" -gt 0 ]; do case "$1" in -g) gid=$2; shift 2;; --) name=$2; shift 2;; *) shift;; esac; done
            echo "$name:x:$gid:" >> "$FAKE_DB/group"
            """);
        Tool("spack", """
            case "$1" in --version) echo 0.23.1 ;; location) echo /fake/prefix ;; esac
            """);
        Tool("mountpoint", "exit 1");
        Tool("gcc", "echo 11.4.1");
    }

    /// <summary>A recorder that also runs <paramref name="behaviour"/>.</summary>
    public void Tool(string name, string behaviour) =>
        Write(Path.Combine(Bin, name), "#!/bin/bash\n" + Record + behaviour + "\n");

    public void AddUser(string line) => File.AppendAllText(Path.Combine(Db, "passwd"), line + "\n");

    /// <summary>Makes the spack recorder the Spack checkout at the plan's software root.</summary>
    public void InstallFakeSpack(string softwareRoot)
    {
        var dir = Path.Combine(Root + softwareRoot, "bin");
        Directory.CreateDirectory(dir);
        File.Copy(Path.Combine(Bin, "spack"), Path.Combine(dir, "spack"), overwrite: true);
        File.SetUnixFileMode(Path.Combine(dir, "spack"), (UnixFileMode)0b111_101_101);
    }

    public (int ExitCode, string Output) Run(string script, string sections)
    {
        var path = _dir.Write("script.sh", script);
        var psi = new ProcessStartInfo("bash", [path, "--only", sections])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _dir.Path,
        };
        psi.Environment["PATH"] = Bin + ":" + Environment.GetEnvironmentVariable("PATH");
        psi.Environment["PETAL_PREFIX"] = Root;
        psi.Environment["PETAL_LOG"] = _dir.File("petal.log");
        psi.Environment["PETAL_WAIT_SECONDS"] = "0";
        psi.Environment["RECORD_LOG"] = Log;
        psi.Environment["FAKE_DB"] = Db;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(60_000)) { p.Kill(entireProcessTree: true); throw new TimeoutException("script did not finish"); }
        // The log tee may still be flushing; the file is the complete record.
        return (p.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>Every recorded call: command name, then its arguments exactly as received.</summary>
    public List<string[]> Calls() => !File.Exists(Log) ? [] :
        File.ReadAllText(Log, Encoding.UTF8).Split('\x1e', StringSplitOptions.RemoveEmptyEntries)
            .Select(r => r.TrimEnd('\0').Split('\0')).ToList();

    private static void Write(string path, string content)
    {
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
    }

    public void Dispose() => _dir.Dispose();
}
