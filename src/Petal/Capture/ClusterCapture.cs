using Petal.Common;
using Petal.Verify.Transport;

namespace Petal.Capture;

/// <summary>
/// Reads a running cluster through a shell (this machine, a twin's head node or SSH) with read-only commands only
/// (scontrol show, Lmod's spider or module avail, spack find, getent, uname, cat /etc/os-release): nothing on the captured machine changes.
/// Slurm is required; PBS or SGE (qstat, pbsnodes, qconf present without Slurm) is reported as not yet supported.
/// </summary>
public static class ClusterCapture
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Prints "slurm", "pbs" and/or "sge" for each scheduler whose client commands are on PATH.</summary>
    public const string DetectCommand =
        "command -v scontrol >/dev/null 2>&1 && echo slurm; command -v pbsnodes >/dev/null 2>&1 && echo pbs; " +
        "command -v qconf >/dev/null 2>&1 && echo sge; command -v qstat >/dev/null 2>&1 && echo qstat; exit 0";

    public static async Task<CapturedCluster> CaptureAsync(IClusterShell shell, string name, int minUid, int maxUid, CancellationToken cancellation)
    {
        var schedulers = (await RunAsync(shell, DetectCommand, cancellation)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (!schedulers.Contains("slurm"))
        {
            var other = schedulers.Contains("pbs") ? "PBS" : schedulers.Contains("sge") ? "SGE (Grid Engine)" : schedulers.Contains("qstat") ? "PBS or SGE" : null;
            throw new UserInputException(other is null
                ? $"no Slurm found on {shell.Description} (scontrol is not on PATH): petal capture reads Slurm clusters"
                : $"{shell.Description} runs {other}, which petal capture does not support yet (only Slurm); write the seed by hand (docs/seed-format.md) and use `petal capture jobs` for its scripts");
        }
        var nodes = SlurmInventory.ParseNodes(await RunAsync(shell, SlurmInventory.NodeCommand, cancellation, required: true));
        var partitions = SlurmInventory.ParsePartitions(await RunAsync(shell, SlurmInventory.PartitionCommand, cancellation, required: true), nodes);
        var modules = ModuleInventory.ParseSpiderJson(await RunAsync(shell, ModuleInventory.SpiderCommand, cancellation))
            ?? ModuleInventory.ParseTerse(await RunAsync(shell, ModuleInventory.ListCommand, cancellation));
        var spack = SpackInventory.ParseFind(await RunAsync(shell, SpackInventory.FindCommand, cancellation));
        var users = UserInventory.Parse(await RunAsync(shell, UserInventory.Command, cancellation), minUid, maxUid);
        var os = OsInventory.Parse(await RunAsync(shell, OsInventory.Command, cancellation));
        return new CapturedCluster(name, os, partitions, modules, users) { Spack = spack };
    }

    private static async Task<string> RunAsync(IClusterShell shell, string command, CancellationToken cancellation, bool required = false)
    {
        var result = await shell.RunAsync(command, Timeout, cancellation);
        if (required && result.ExitCode != 0)
            throw new InvalidOperationException($"`{command}` failed on {shell.Description} (exit {result.ExitCode}): {result.Stderr.Trim()}");
        return result.Stdout;
    }
}
