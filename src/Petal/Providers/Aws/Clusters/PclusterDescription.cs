using System.Text.Json.Nodes;

namespace Petal.Providers.Aws.Clusters;

/// <summary>The parts of <c>pcluster describe-cluster</c> / <c>list-clusters</c> JSON petal uses.</summary>
public sealed record PclusterDescription(
    string Name,
    string Status,
    string? StackStatus,
    string? Version,
    string? HeadNodePublicIp,
    string? HeadNodePrivateIp,
    IReadOnlyList<string> Failures)
{
    public bool Complete => Status is "CREATE_COMPLETE" or "UPDATE_COMPLETE";
    /// <summary>Where SSH reaches the head node: its public address, else its private one.</summary>
    public string? HeadNodeAddress => HeadNodePublicIp ?? HeadNodePrivateIp;
    public bool Failed => Status is "CREATE_FAILED" or "UPDATE_FAILED" or "DELETE_FAILED";

    public static PclusterDescription From(JsonObject json)
    {
        // create-cluster wraps the cluster in "cluster"; describe and list-clusters entries do not.
        var c = json["cluster"] as JsonObject ?? json;
        var head = c["headNode"] as JsonObject;
        var failures = c["failures"]?.AsArray().OfType<JsonObject>()
            .Select(f => $"{f["failureCode"]?.GetValue<string>()}: {f["failureReason"]?.GetValue<string>()}".Trim(' ', ':'))
            .ToList() ?? [];
        return new PclusterDescription(
            c["clusterName"]?.GetValue<string>() ?? "",
            c["clusterStatus"]?.GetValue<string>() ?? c["cloudformationStackStatus"]?.GetValue<string>() ?? "UNKNOWN",
            c["cloudFormationStackStatus"]?.GetValue<string>() ?? c["cloudformationStackStatus"]?.GetValue<string>(),
            c["version"]?.GetValue<string>(),
            head?["publicIpAddress"]?.GetValue<string>(),
            head?["privateIpAddress"]?.GetValue<string>(),
            failures);
    }
}
