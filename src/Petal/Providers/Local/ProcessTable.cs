using System.Runtime.InteropServices;

namespace Petal.Providers.Local;

/// <summary>
/// The host's processes as /proc shows them. A pid is only ever signalled after checking that its
/// command line still names the twin's directory (pids get reused), or that it lives in a mount
/// namespace of one of the twin's nodes (job steps and the jobs themselves).
/// </summary>
public static class ProcessTable
{
    private const int SigTerm = 15;
    private const int SigKill = 9;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    public static string? CommandLine(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').TrimEnd(); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    /// <summary>Running (not a zombie waiting to be reaped).</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..][0];
            return state != 'Z' && state != 'X';
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }

    public static bool BelongsTo(int pid, string twinRoot) =>
        IsAlive(pid) && CommandLine(pid) is { } cmd && cmd.Contains(twinRoot + "/", StringComparison.Ordinal);

    public static IEnumerable<int> AllPids() =>
        Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Select(n => int.TryParse(n, out var pid) ? pid : 0)
            .Where(pid => pid > 0 && pid != Environment.ProcessId);

    /// <summary>Every live process whose command line names the twin's directory.</summary>
    public static IReadOnlyList<int> ProcessesOf(string twinRoot) => AllPids().Where(pid => BelongsTo(pid, twinRoot)).ToList();

    public static string? MountNamespace(int pid)
    {
        try { return new FileInfo($"/proc/{pid}/ns/mnt").LinkTarget; }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    /// <summary>Live processes inside any of <paramref name="namespaces"/> (the host's own namespace is never passed).</summary>
    public static IReadOnlyList<int> ProcessesIn(IReadOnlySet<string> namespaces) =>
        namespaces.Count == 0 ? [] : AllPids().Where(pid => IsAlive(pid) && MountNamespace(pid) is { } ns && namespaces.Contains(ns)).ToList();

    public static void Signal(int pid, bool force) => Kill(pid, force ? SigKill : SigTerm);

    /// <summary>SIGTERM, wait up to <paramref name="grace"/>, then SIGKILL whatever is left; returns when all are gone.</summary>
    public static async Task TerminateAsync(IReadOnlyCollection<int> pids, TimeSpan grace)
    {
        foreach (var pid in pids) Signal(pid, force: false);
        var deadline = DateTime.UtcNow + grace;
        while (pids.Any(IsAlive) && DateTime.UtcNow < deadline) await Task.Delay(50);
        foreach (var pid in pids.Where(IsAlive)) Signal(pid, force: true);
        for (var i = 0; i < 40 && pids.Any(IsAlive); i++) await Task.Delay(50);
    }
}
