using Petal.Common;
using Petal.Providers;
using Petal.Slurm;
using Petal.Verify.Transport;

namespace Petal.Cli.Commands;

/// <summary>
/// Where `petal garden agent` runs jobs: the Slurm of the cluster petal created of that name (through its handle:
/// a twin's own clients, an AWS head node over SSH) with output under its work root; or, for a cluster petal did
/// not create, this host's Slurm clients (--slurm-conf, else the caller's environment).
/// </summary>
internal sealed class AgentTarget(SlurmClient slurm, string directory, IClusterShell? shell) : IAsyncDisposable
{
    public SlurmClient Slurm => slurm;
    public string Directory => directory;

    public static async Task<AgentTarget> OpenAsync(string name, string? slurmConf, string? workdir, ClusterRegistry registry, ShellRequest request,
        CancellationToken cancellation)
    {
        if (slurmConf is not null || registry.Find(name) is not { } cluster)
        {
            var environment = new Dictionary<string, string?>();
            if (slurmConf is not null)
                environment["SLURM_CONF"] = File.Exists(slurmConf) ? Path.GetFullPath(slurmConf) : throw new UserInputException($"--slurm-conf {slurmConf}: no such file");
            var local = workdir ?? Path.Combine(PetalPaths.StateDir, "garden", "agent", name);
            System.IO.Directory.CreateDirectory(local);
            return new AgentTarget(new SlurmClient(new ProcessCommandRunner("this host's Slurm", environment, local)), local, null);
        }
        var shell = await cluster.OpenShellAsync(request, "petal garden agent", cancellation);
        try
        {
            var dir = workdir ?? $"{(await cluster.WorkRootAsync(shell, cancellation)).TrimEnd('/')}/garden-agent/{name}";
            var made = await shell.RunAsync($"mkdir -p {ShellQuote.Single(dir)}", TimeSpan.FromSeconds(30), cancellation);
            if (made.ExitCode != 0) throw new InvalidOperationException($"cannot make {dir} on {shell.Description}: {made.Combined.Trim()}");
            return new AgentTarget(cluster.Slurm(shell), dir, shell);
        }
        catch
        {
            await shell.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => shell?.DisposeAsync() ?? ValueTask.CompletedTask;
}
