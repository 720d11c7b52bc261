using Petal.Common;
using System.Text;
using CliWrap;
using CliWrap.Buffered;
using Petal.Garden.Jobspecs;
using Petal.Garden.Values;

namespace Petal.Garden.Service.Agent;

/// <summary>
/// Runs garden jobs on a Slurm cluster reachable through its client commands (sbatch, scontrol, scancel) with the
/// given environment (e.g. SLURM_CONF of a local twin). The jobspec's command runs as the batch script's body, with
/// its nodes, tasks and GPUs (<see cref="SlurmJobShape"/>) on whichever partition fits;
/// every argument is single-quoted, so a jobspec cannot inject shell syntax into the script.
/// </summary>
public sealed class SlurmJobRunner(IReadOnlyDictionary<string, string?> environment, string workingDirectory) : IJobRunner
{
    public async Task<string> SubmitAsync(JobToRun job, CancellationToken cancellation)
    {
        Jobspec spec;
        try
        {
            spec = JobspecReader.Parse(job.Jobspec, job.Name);
        }
        catch (GardenInputException e)
        {
            throw new JobRunnerException($"jobspec: {e.Message}");
        }
        if (spec.Command.Count == 0)
            throw new JobRunnerException("the jobspec has no command to run");
        var arguments = new List<string>
        {
            "--parsable", $"--job-name=garden-{job.Id}",
            $"--output={Path.Combine(workingDirectory, $"garden-{job.Id}.out")}", $"--chdir={workingDirectory}",
        };
        arguments.AddRange(SlurmJobShape.From(spec).SbatchOptions());
        // The garden matched the cluster, not a queue: offer every partition and let Slurm take one that fits.
        if (await PartitionsAsync(cancellation) is { Count: > 0 } partitions)
            arguments.Add($"--partition={string.Join(',', partitions)}");
        if (spec.Walltime is { } walltime)
            arguments.Add($"--time={Math.Max(1, (int)Math.Ceiling(walltime.TotalMinutes))}");
        var script = "#!/bin/bash\n" + string.Join(' ', spec.Command.Select(ShellQuote.Single)) + "\n";
        var result = await Run("sbatch", arguments, script, cancellation);
        if (result.ExitCode != 0)
            throw new JobRunnerException($"sbatch failed: {result.StandardError.Trim()}");
        return result.StandardOutput.Trim().Split(';')[0];
    }

    private async Task<IReadOnlyList<string>> PartitionsAsync(CancellationToken cancellation)
    {
        var result = await Run("sinfo", ["--noheader", "--format=%R"], null, cancellation);
        return result.ExitCode == 0
            ? result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList()
            : [];
    }

    public async Task<RunnerJobState> StateAsync(string nativeId, CancellationToken cancellation)
    {
        var result = await Run("scontrol", ["show", "job", "-o", nativeId], null, cancellation);
        if (result.ExitCode != 0)
            return new RunnerJobState(RunnerJobStatus.Failed, $"Slurm no longer knows job {nativeId}: {result.StandardError.Trim()}");
        var fields = SlurmText.Fields(result.StandardOutput);
        var state = fields.GetValueOrDefault("JobState", "UNKNOWN");
        var exit = fields.GetValueOrDefault("ExitCode", "?");
        return state switch
        {
            "PENDING" or "CONFIGURING" or "REQUEUED" or "SUSPENDED" => new RunnerJobState(RunnerJobStatus.Pending, $"slurm job {nativeId} {state.ToLowerInvariant()}"),
            "RUNNING" or "COMPLETING" => new RunnerJobState(RunnerJobStatus.Running, $"slurm job {nativeId} running"),
            "COMPLETED" => new RunnerJobState(RunnerJobStatus.Completed, $"slurm job {nativeId} completed (exit {exit})"),
            "CANCELLED" => new RunnerJobState(RunnerJobStatus.Cancelled, $"slurm job {nativeId} cancelled on the cluster"),
            _ => new RunnerJobState(RunnerJobStatus.Failed, $"slurm job {nativeId} {state.ToLowerInvariant()} (exit {exit})"),
        };
    }

    public async Task CancelAsync(string nativeId, CancellationToken cancellation)
    {
        var result = await Run("scancel", [nativeId], null, cancellation);
        if (result.ExitCode != 0)
            throw new JobRunnerException($"scancel {nativeId} failed: {result.StandardError.Trim()}");
    }

    private Task<BufferedCommandResult> Run(string program, IReadOnlyList<string> arguments, string? input, CancellationToken cancellation)
    {
        var command = Cli.Wrap(program).WithArguments(arguments).WithEnvironmentVariables(environment)
            .WithWorkingDirectory(workingDirectory).WithValidation(CommandResultValidation.None);
        if (input is not null) command = command.WithStandardInputPipe(PipeSource.FromString(input, Encoding.UTF8));
        return command.ExecuteBufferedAsync(cancellation);
    }
}
