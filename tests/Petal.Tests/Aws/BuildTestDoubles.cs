using Amazon.EC2;
using Amazon.EC2.Model;
using Petal.Providers.Aws;
using Petal.Providers.Aws.Images;

namespace Petal.Tests.Aws;

/// <summary>
/// Plays the build script's part (moto cannot run it): when the build reaches the Building stage it
/// sets the instance's progress tag through a real CreateTags call, which the real
/// <see cref="InstanceProgressSource"/> then reads. Can also fail or cancel at a chosen stage.
/// </summary>
public sealed class ScriptStandInObserver(IAmazonEC2 ec2) : IBuildObserver
{
    public string ScriptTag { get; init; } = "PETAL_PROGRESS 100 software installed";
    public BuildStage? FailAt { get; init; }
    public BuildStage? CancelAt { get; init; }
    public CancellationTokenSource? Cancellation { get; init; }
    public List<BuildStage> Stages { get; } = [];
    public List<BuildProgress> Readings { get; } = [];

    public void Stage(BuildStage stage, BuildState state)
    {
        Stages.Add(stage);
        if (stage == FailAt) throw new InvalidOperationException($"injected failure at {stage}");
        if (stage == CancelAt) Cancellation!.Cancel();
        if (stage == BuildStage.Building)
            ec2.CreateTagsAsync(new CreateTagsRequest { Resources = [state.InstanceId!], Tags = [new Tag(PetalTags.Progress, ScriptTag)] })
                .GetAwaiter().GetResult();
    }

    public void Progress(BuildProgress progress, BuildState state) => Readings.Add(progress);
}

/// <summary>A stand-in console that reports a script stuck at 40 % (moto's console output is fixed text).</summary>
public sealed class StuckScriptStandIn(CancellationTokenSource? cancelAfterReads = null, int reads = 2) : IBuildProgressSource
{
    public int Count { get; private set; }

    public Task<BuildProgress> ReadAsync(string instanceId, CancellationToken cancellation)
    {
        if (++Count >= reads) cancelAfterReads?.Cancel();
        return Task.FromResult(new BuildProgress(40, "spack install (stand-in)"));
    }
}
