namespace Petal.Garden.Service;

/// <summary>A submit token for one cluster, as the submitter holds it.</summary>
public sealed record ClusterToken(string Cluster, string Token);

public sealed record SubmitCommand(
    string Name,
    IReadOnlyList<ClusterToken> Clusters,
    string Jobspec,
    string? Algorithm,
    IReadOnlyDictionary<string, string> Options,
    bool SatisfyOnly,
    string? RequestId);

/// <summary>
/// <see cref="Job"/> is null for satisfy-only requests. <see cref="Replayed"/>: the request id was seen before and
/// this is the job stored then.
/// </summary>
public sealed record SubmitOutcome(Store.JobRecord? Job, IReadOnlyList<string> Matches, bool Replayed);

/// <summary>Token and secret are returned once, at registration; the service keeps only their hashes.</summary>
public sealed record RegisterOutcome(bool Created, string Token, string Secret);

public sealed record ReportOutcome(Store.JobRecord Job, bool CancelRequested);
