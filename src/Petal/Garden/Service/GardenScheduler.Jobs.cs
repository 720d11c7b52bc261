using Petal.Garden.Service.Placement;
using Petal.Garden.Service.Store;

namespace Petal.Garden.Service;

/// <summary>The job lifecycle: submit, receive, accept, report, cancel, and leases that lapse.</summary>
public sealed partial class GardenScheduler
{
    public async Task<SubmitOutcome> SubmitAsync(SubmitCommand command, CancellationToken cancellation = default)
    {
        if (string.IsNullOrWhiteSpace(command.Jobspec))
            throw Invalid("jobspec: a jobspec is required");
        if (command.RequestId is { Length: > 200 } || command.RequestId?.Any(char.IsControl) == true)
            throw Invalid("request id: at most 200 characters, none of them control characters");
        if (command.Name.Length > 200 || command.Name.Any(char.IsControl))
            throw Invalid("name: at most 200 characters, none of them control characters (NUL, newline...)");
        var candidates = new List<LiveCluster>();
        foreach (var entry in command.Clusters.Where(c => c.Cluster.Length > 0 && c.Token.Length > 0))
        {
            var live = ClusterByToken(entry.Cluster, entry.Token);
            if (!candidates.Contains(live)) candidates.Add(live);
        }
        if (candidates.Count == 0)
            throw Invalid("clusters: name at least one cluster with its submit token");
        if (command.RequestId is { } requestId && await _store.FindJobByRequestIdAsync(requestId, cancellation) is { } earlier)
            return Replay(earlier, candidates);

        var placement = Place(command.Jobspec, candidates, command.Algorithm, command.Options);
        if (placement.Selected is null)
            throw new GardenServiceException(GardenErrorKind.FailedPrecondition,
                $"no cluster can run this job: {placement.Explain()}");
        if (command.SatisfyOnly)
            return new SubmitOutcome(null, placement.Matches, false);

        var now = _time.GetUtcNow();
        var job = new JobRecord
        {
            RequestId = command.RequestId,
            Name = command.Name is { Length: > 0 } name ? name : placement.JobName ?? "job",
            Jobspec = command.Jobspec,
            Cluster = placement.Selected,
            Candidates = candidates.Select(c => c.Record.Name).ToList(),
            SelectAlgorithm = command.Algorithm,
            SelectOptions = command.Options,
            State = GardenJobState.Assigned,
            Attempts = 1,
            SubmittedAt = now,
            AssignedAt = now,
            UpdatedAt = now,
        };
        var (id, inserted) = await _store.InsertJobAsync(job, cancellation);
        // Not inserted: a concurrent submit with the same request id got there first; answer with its job.
        return inserted
            ? new SubmitOutcome(job with { Id = id }, placement.Matches, false)
            : Replay(_store.FindJob(id)!, candidates);
    }

    private static SubmitOutcome Replay(JobRecord earlier, List<LiveCluster> candidates)
    {
        // The same request id under other credentials must not reveal someone else's job.
        if (!candidates.Any(c => earlier.Candidates.Contains(c.Record.Name)))
            throw GardenServiceException.Denied("request id already used by another submitter");
        return new SubmitOutcome(earlier, earlier.Cluster is { } c ? [c] : [], true);
    }

    /// <summary>The cluster's assigned jobs (not yet accepted), oldest first; max &lt; 1 = all.</summary>
    public IReadOnlyList<JobRecord> Receive(string cluster, string secret, int max)
    {
        ClusterBySecret(cluster, secret);
        return _store.JobsInState(GardenJobState.Assigned, cluster, max);
    }

    /// <summary>Accepts the cluster's assigned jobs among the ids; returns how many were accepted.</summary>
    public int Accept(string cluster, string secret, IReadOnlyCollection<long> ids)
    {
        ClusterBySecret(cluster, secret);
        if (ids.Count == 0) throw Invalid("jobids: name at least one job to accept");
        return _store.AcceptJobs(cluster, ids, _time.GetUtcNow());
    }

    /// <summary>A job, for a submitter holding the token of one of the clusters it could be placed on.</summary>
    public JobRecord GetJob(long id, string cluster, string token)
    {
        ClusterByToken(cluster, token);
        return _store.FindJob(id) is { } job && job.Candidates.Contains(cluster)
            ? job
            : throw new GardenServiceException(GardenErrorKind.NotFound, $"no job {id} submitted to cluster {cluster}");
    }

    public JobRecord Cancel(long id, string cluster, string token)
    {
        while (true)
        {
            var job = GetJob(id, cluster, token);
            if (job.State.IsFinal())
                throw new GardenServiceException(GardenErrorKind.FailedPrecondition,
                    $"job {id} is already {job.State.ToString().ToLowerInvariant()}");
            // A job a cluster accepted is stopped by that cluster's agent, which then reports it cancelled.
            var cancelled = job.State is GardenJobState.Accepted or GardenJobState.Running
                ? job with { CancelRequested = true, Detail = "cancel requested by the submitter", UpdatedAt = _time.GetUtcNow() }
                : job with { State = GardenJobState.Cancelled, Detail = "cancelled by the submitter", UpdatedAt = _time.GetUtcNow() };
            if (_store.UpdateJob(cancelled)) return cancelled;
        }
    }

    /// <summary>Jobs the cluster accepted and has not finished, for its agent to follow.</summary>
    public IReadOnlyList<JobRecord> JobsOnCluster(string cluster, string secret)
    {
        ClusterBySecret(cluster, secret);
        return _store.JobsOnCluster(cluster);
    }

    /// <summary>A cluster reports progress of a job it accepted; the answer says whether the submitter cancelled it.</summary>
    public ReportOutcome Report(string cluster, string secret, long id, GardenJobState state, string detail, string nativeId)
    {
        ClusterBySecret(cluster, secret);
        while (true)
        {
            var job = _store.FindJob(id) is { } found && found.Cluster == cluster
                ? found
                : throw new GardenServiceException(GardenErrorKind.NotFound, $"no job {id} on cluster {cluster}");
            if (job.State.IsFinal() && (job.State == state || job.State == GardenJobState.Cancelled))
                return new ReportOutcome(job, job.CancelRequested);
            if (!GardenJobStates.CanReport(job.State, state, job.CancelRequested))
                throw new GardenServiceException(GardenErrorKind.FailedPrecondition,
                    $"job {id} is {job.State.ToString().ToLowerInvariant()}; it cannot become {state.ToString().ToLowerInvariant()}");
            var updated = job with
            {
                State = state,
                Detail = detail,
                NativeId = nativeId.Length > 0 ? nativeId : job.NativeId,
                UpdatedAt = _time.GetUtcNow(),
            };
            if (_store.UpdateJob(updated)) return new ReportOutcome(updated, updated.CancelRequested && !state.IsFinal());
        }
    }

    /// <summary>
    /// Places again every assigned job whose lease lapsed (preferring clusters that have not let it lapse) and
    /// every job still waiting for a cluster. Returns how many jobs were placed.
    /// </summary>
    public int PlaceLapsedAndWaiting()
    {
        var now = _time.GetUtcNow();
        var placed = 0;
        foreach (var job in _store.ExpiredAssignments(now - _options.Lease))
            placed += PlaceAgain(job, job.Lapsed.Append(job.Cluster!).Distinct().ToList(),
                $"cluster {job.Cluster} did not accept within the lease", now) ? 1 : 0;
        foreach (var job in _store.JobsInState(GardenJobState.Submitted, null, 0))
            placed += PlaceAgain(job, job.Lapsed, job.Detail, now) ? 1 : 0;
        return placed;
    }

    private bool PlaceAgain(JobRecord job, IReadOnlyList<string> lapsed, string why, DateTimeOffset now)
    {
        var live = job.Candidates.Where(_clusters.ContainsKey).Select(c => _clusters[c]).ToList();
        var fresh = live.Where(c => !lapsed.Contains(c.Record.Name)).ToList();
        // When every candidate let the lease lapse, start over rather than strand the job.
        var pool = fresh.Count > 0 ? fresh : live;
        var waiting = job with { Lapsed = fresh.Count > 0 ? lapsed : [], UpdatedAt = now };
        JobRecord next;
        if (pool.Count == 0)
            next = waiting with { State = GardenJobState.Submitted, Cluster = null, AssignedAt = null, Detail = $"{why}; no registered cluster left to run it" };
        else
        {
            PlacementResult placement;
            try
            {
                placement = Place(job.Jobspec, pool, job.SelectAlgorithm, job.SelectOptions);
            }
            catch (GardenServiceException e)
            {
                placement = new PlacementResult(null, null, [], new Dictionary<string, IReadOnlyList<string>> { ["jobspec"] = [e.Message] });
            }
            next = placement.Selected is { } cluster
                ? waiting with { State = GardenJobState.Assigned, Cluster = cluster, AssignedAt = now, Attempts = job.Attempts + 1, Detail = $"{why}; placed again on {cluster}" }
                : waiting with { State = GardenJobState.Submitted, Cluster = null, AssignedAt = null, Detail = $"{why}; no cluster can run it now: {placement.Explain()}" };
        }
        return _store.UpdateJob(next) && next.State == GardenJobState.Assigned;
    }

    /// <summary>
    /// rainbow's graph pre-check: every registered cluster (registration order) that can run the jobspec, without
    /// credentials and without storing anything. None: refused with every cluster's reason, since petal counts
    /// slots per instance where rainbow's memory backend would let a job over-subscribe them.
    /// </summary>
    public IReadOnlyList<string> Satisfy(string jobspec)
    {
        if (string.IsNullOrWhiteSpace(jobspec))
            throw Invalid("payload: a jobspec (YAML or JSON) is required");
        var candidates = _clusters.Values.OrderBy(c => c.Record.RegisteredAt).ThenBy(c => c.Record.Name, StringComparer.Ordinal).ToList();
        if (candidates.Count == 0)
            throw new GardenServiceException(GardenErrorKind.FailedPrecondition, "no cluster is registered");
        var placement = Place(jobspec, candidates, null, new Dictionary<string, string>());
        return placement.Matches.Count > 0 ? placement.Matches
            : throw new GardenServiceException(GardenErrorKind.FailedPrecondition,
                "no cluster can run this job (petal counts every slot the jobspec asks for and never over-subscribes one, "
                + $"where rainbow's memory backend may): {placement.Explain()}");
    }

    private PlacementResult Place(string jobspec, IReadOnlyList<LiveCluster> candidates, string? algorithm,
        IReadOnlyDictionary<string, string> options) =>
        _placer.Place(new PlacementRequest(jobspec,
            candidates.Select(c => new PlacementCandidate(c.Prepared, c.StateJson)).ToList(),
            algorithm is { Length: > 0 } ? algorithm : null, options));
}
