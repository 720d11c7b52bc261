using Petal.Common;

namespace Petal.Providers.Aws.Clusters;

/// <summary>The head node of a cluster petal created on AWS: petal's record and pcluster's description (null when pcluster does not know it).</summary>
public sealed record AwsHeadNode(AwsClusterState State, PclusterDescription? Live)
{
    public string Status => Live?.Status ?? "NOT_FOUND_IN_PCLUSTER";
    public string? Address => Live?.HeadNodeAddress;

    /// <summary>The key pair's file petal looks for (~/.ssh/&lt;key&gt;.pem), when present.</summary>
    public string? KeyFile => AwsClusterProvider.KeyFile(State.KeyName);

    /// <summary>The address when the cluster is up (CREATE_COMPLETE or UPDATE_COMPLETE) and has one; a clear error naming <paramref name="purpose"/> otherwise.</summary>
    public string RunningAddress(string purpose)
    {
        if (Live is not { Complete: true })
            throw new UserInputException($"AWS cluster '{State.Name}' is {Status}, not CREATE_COMPLETE or UPDATE_COMPLETE: {purpose} needs a running cluster "
                + $"(see petal status {State.Name})");
        return Address ?? throw new UserInputException(
            $"AWS cluster '{State.Name}' ({Status}) has no head node address in pcluster describe-cluster: see petal status {State.Name}");
    }
}
