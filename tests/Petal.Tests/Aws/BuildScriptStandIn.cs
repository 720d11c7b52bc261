using Amazon.EC2;
using Amazon.EC2.Model;
using Petal.Providers.Aws;

namespace Petal.Tests.Aws;

/// <summary>
/// STAND-IN for the build script when petal runs as a separate process (moto cannot run the script):
/// watches moto for a running petal build instance and sets its progress tag through real CreateTags
/// calls, first <see cref="Steps"/>[0], then the rest, which the CLI's real InstanceProgressSource reads.
/// With no steps it plays a script that never reports (for Ctrl-C). Stops on dispose.
/// </summary>
public sealed class BuildScriptStandIn : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public string? InstanceId { get; private set; }
    public TaskCompletionSource<string> Running { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static readonly string[] Steps = ["PETAL_PROGRESS 50 spack install (stand-in)", "PETAL_PROGRESS 100 software installed (stand-in)"];

    public BuildScriptStandIn(IAmazonEC2 ec2, IReadOnlyList<string>? steps = null) => _loop = RunAsync(ec2, steps ?? Steps, _stop.Token);

    private async Task RunAsync(IAmazonEC2 ec2, IReadOnlyList<string> steps, CancellationToken stop)
    {
        try
        {
            var tagged = new HashSet<string>();
            while (!stop.IsCancellationRequested)
            {
                var response = await ec2.DescribeInstancesAsync(new DescribeInstancesRequest
                {
                    Filters = [PetalTags.Filter(PetalTags.Managed, "true"), new Filter("tag-key", [PetalTags.BuildId]), new Filter("instance-state-name", ["running"])],
                }, stop);
                foreach (var id in response.Reservations?.SelectMany(r => r.Instances ?? []).Select(i => i.InstanceId) ?? [])
                {
                    if (!tagged.Add(id)) continue;
                    InstanceId = id;
                    Running.TrySetResult(id);
                    foreach (var step in steps)
                    {
                        try { await ec2.CreateTagsAsync(new CreateTagsRequest { Resources = [id], Tags = [new Tag(PetalTags.Progress, step)] }, stop); }
                        catch (AmazonEC2Exception) { break; } // the build already removed its instance
                        // Long enough for the CLI (polling every 50 ms) to show each step.
                        await Task.Delay(600, stop);
                    }
                }
                await Task.Delay(100, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
