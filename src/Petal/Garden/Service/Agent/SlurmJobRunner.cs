using Petal.Common;
using Petal.Garden.Jobspecs;
using Petal.Garden.Values;
using Petal.Slurm;

namespace Petal.Garden.Service.Agent;

/// <summary>
/// Runs garden jobs on a cluster through its Slurm client (<see cref="SlurmClient"/>: a twin's own clients, or a head
/// node over SSH). The jobspec's command runs as the batch script's body, with exactly its shape (<see cref="SlurmJobShape"/>)
/// on whichever partition fits; every argument is single-quoted, so a jobspec cannot inject shell syntax into the script.
/// Job output goes to <paramref name="workingDirectory"/>, a directory the cluster's compute nodes see.
/// </summary>
public sealed class SlurmJobRunner(SlurmClient slurm, string workingDirectory) : IJobRunner
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
        // The garden matched the cluster, not a queue: offer every partition and let Slurm take one that fits.
        IReadOnlyList<string> partitions;
        try { partitions = await slurm.PartitionsAsync(cancellation); }
        catch (SlurmException) { partitions = []; }
        var request = SlurmJobShape.From(spec).Request($"garden-{job.Id}", spec.Walltime, partitions, workingDirectory,
            $"{workingDirectory.TrimEnd('/')}/garden-{job.Id}.out");
        var script = "#!/bin/bash\n" + string.Join(' ', spec.Command.Select(ShellQuote.Single)) + "\n";
        try
        {
            return await slurm.SubmitAsync(request, script, cancellation);
        }
        catch (SlurmException e)
        {
            throw new JobRunnerException(e.Message);
        }
    }

    public async Task<RunnerJobState> StateAsync(string nativeId, CancellationToken cancellation)
    {
        var job = await slurm.JobAsync(nativeId, cancellation);
        if (job is null) return new RunnerJobState(RunnerJobStatus.Failed, $"Slurm no longer knows job {nativeId}");
        return job.State switch
        {
            _ when job.Queued => new RunnerJobState(RunnerJobStatus.Pending, $"slurm job {nativeId} {job.StateText.ToLowerInvariant()}"),
            JobState.Running or JobState.Completing => new RunnerJobState(RunnerJobStatus.Running, $"slurm job {nativeId} running"),
            JobState.Completed => new RunnerJobState(RunnerJobStatus.Completed, $"slurm job {nativeId} completed (exit {job.ExitCode})"),
            JobState.Cancelled => new RunnerJobState(RunnerJobStatus.Cancelled, $"slurm job {nativeId} cancelled on the cluster"),
            _ => new RunnerJobState(RunnerJobStatus.Failed, $"slurm job {nativeId} {job.StateText.ToLowerInvariant()} (exit {job.ExitCode})"),
        };
    }

    public async Task CancelAsync(string nativeId, CancellationToken cancellation)
    {
        try { await slurm.CancelAsync(nativeId, cancellation); }
        catch (SlurmException e) { throw new JobRunnerException(e.Message); }
    }
}
