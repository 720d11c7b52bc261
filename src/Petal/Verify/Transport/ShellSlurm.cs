using Petal.Slurm;

namespace Petal.Verify.Transport;

/// <summary>A cluster's Slurm client whose commands run as bash lines through a head node's shell (SSH, a twin's head view, this machine).</summary>
public static class ShellSlurm
{
    public static SlurmClient Over(IClusterShell shell, TimeSpan commandTimeout) => new(new BashCommandRunner(shell.Description, (bash, ct) => shell.RunAsync(bash, commandTimeout, ct)));
}
