using System.Text;
using Amazon.EC2;
using Amazon.EC2.Model;

namespace Petal.Providers.Aws.Images;

/// <summary>
/// Reads build progress from the instance's serial console (GetConsoleOutput, where the script's
/// PETAL_PROGRESS lines appear) and from the <see cref="PetalTags.Progress"/> tag the script sets
/// when it may tag itself. The console lags by minutes on real EC2, the tag does not.
/// </summary>
public sealed class InstanceProgressSource(IAmazonEC2 ec2) : IBuildProgressSource
{
    public async Task<BuildProgress> ReadAsync(string instanceId, CancellationToken cancellation)
    {
        var console = await ec2.GetConsoleOutputAsync(
            new GetConsoleOutputRequest { InstanceId = instanceId, Latest = true }, cancellation);
        var tags = await ec2.DescribeTagsAsync(new DescribeTagsRequest
        {
            Filters = [new Filter("resource-id", [instanceId]), new Filter("key", [PetalTags.Progress])],
        }, cancellation);
        var tag = tags.Tags?.FirstOrDefault()?.Value;
        return BuildProgress.Merge(BuildProgress.ParseLast(Decode(console.Output)), BuildProgress.ParseLast(tag));
    }

    /// <summary>The API returns the console base64-encoded; some emulators return it plain.</summary>
    internal static string? Decode(string? output)
    {
        if (string.IsNullOrEmpty(output)) return output;
        var buffer = new byte[output.Length];
        return Convert.TryFromBase64String(output.Trim(), buffer, out var written)
            ? Encoding.UTF8.GetString(buffer, 0, written)
            : output;
    }
}
