using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using Petal.Common;
using Petal.Garden.Service.Auth;
using Petal.Garden.Service.Placement;
using Petal.Garden.Service.Store;

namespace Petal.Garden.Service;

/// <summary>
/// The garden service's behaviour, independent of gRPC: registration, auth, placement, the job lifecycle and
/// leases. Clusters live in memory (read without locks) and in the store; every change goes to the store first.
/// </summary>
public sealed partial class GardenScheduler
{
    private readonly IGardenStore _store;
    private readonly IJobPlacer _placer;
    private readonly HashedSecret _registrationSecret;
    private readonly GardenOptions _options;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private ImmutableDictionary<string, LiveCluster> _clusters;

    private sealed record LiveCluster(ClusterRecord Record, ImmutableDictionary<string, string> Subsystems, string StateJson,
        PreparedCluster Prepared);

    public GardenScheduler(IGardenStore store, IJobPlacer placer, HashedSecret registrationSecret, GardenOptions options,
        TimeProvider time)
    {
        (_store, _placer, _registrationSecret, _options, _time) = (store, placer, registrationSecret, options, time);
        _clusters = ImmutableDictionary.Create<string, LiveCluster>(StringComparer.Ordinal);
        Refresh();
    }

    /// <summary>The store's cluster version this process's clusters reflect.</summary>
    private long _version;

    /// <summary>
    /// Brings in what the store holds that this process has not seen: clusters registered, changed (subsystems) or
    /// deleted and states updated, by this process or by another replica on the same store. At start-up it loads
    /// every cluster; afterwards it runs on a timer (<see cref="GardenOptions.Refresh"/>) and whenever a request names
    /// a cluster this process does not know or presents a credential it does not match.
    /// </summary>
    public void Refresh()
    {
        lock (_gate)
        {
            var changes = _store.ClustersChangedSince(_version);
            if (changes.IsEmpty) return;
            var clusters = _clusters.ToBuilder();
            clusters.RemoveRange(changes.Deleted);
            foreach (var c in changes.Changed)
            {
                var subsystems = c.Subsystems.ToImmutableDictionary();
                // This process's own change read back: its graphs are already prepared.
                var prepared = clusters.TryGetValue(c.Cluster.Name, out var known) && known.Record.Nodes == c.Cluster.Nodes
                        && known.Subsystems.Count == subsystems.Count
                        && known.Subsystems.All(s => subsystems.TryGetValue(s.Key, out var graph) && graph == s.Value)
                    ? known.Prepared
                    : _placer.Prepare(c.Cluster.Name, c.Cluster.Nodes, subsystems);
                clusters[c.Cluster.Name] = new LiveCluster(c.Cluster, subsystems, c.StateJson, prepared);
            }
            foreach (var (name, state) in changes.States)
                if (clusters.TryGetValue(name, out var live))
                    clusters[name] = live with { StateJson = state };
            _clusters = clusters.ToImmutable();
            _version = changes.Version;
        }
    }

    public IReadOnlyCollection<string> ClusterNames => _clusters.Keys.ToList();

    public RegisterOutcome? Register(string name, string registrationSecret, string nodes)
    {
        if (!_registrationSecret.Matches(registrationSecret))
            throw GardenServiceException.Denied("wrong registration secret");
        CheckName("cluster name", name);
        if (string.IsNullOrWhiteSpace(nodes))
            throw Invalid("nodes: a JGF graph of the cluster's nodes is required");
        lock (_gate)
        {
            // Known here may be stale (deleted through another replica): ask the store before answering "exists".
            if (_clusters.ContainsKey(name)) Refresh();
            if (_clusters.ContainsKey(name)) return null;
            var prepared = _placer.Prepare(name, nodes, ImmutableDictionary<string, string>.Empty);
            var (token, secret) = (HashedSecret.NewSecret(), HashedSecret.NewSecret());
            var record = new ClusterRecord(name, nodes, HashedSecret.Of(token), HashedSecret.Of(secret), _time.GetUtcNow());
            if (!_store.InsertCluster(record))
            {
                Refresh(); // registered through another replica meanwhile
                return null;
            }
            _clusters = _clusters.SetItem(name, new LiveCluster(record, ImmutableDictionary<string, string>.Empty, "{}", prepared));
            return new RegisterOutcome(true, token, secret);
        }
    }

    public void RegisterSubsystem(string cluster, string secret, string subsystem, string graph)
    {
        ClusterBySecret(cluster, secret);
        CheckName("subsystem", subsystem);
        if (subsystem == "cluster")
            throw Invalid("subsystem: 'cluster' is the node graph itself; choose another name");
        if (string.IsNullOrWhiteSpace(graph))
            throw Invalid("nodes: a JGF graph of the subsystem is required");
        lock (_gate)
        {
            var live = ClusterBySecret(cluster, secret);
            if (live.Subsystems.ContainsKey(subsystem))
                throw Exists(cluster, subsystem);
            var subsystems = live.Subsystems.SetItem(subsystem, graph);
            var prepared = _placer.Prepare(cluster, live.Record.Nodes, subsystems);
            if (!_store.InsertSubsystem(cluster, subsystem, graph))
                throw Exists(cluster, subsystem);
            _clusters = _clusters.SetItem(cluster, live with { Subsystems = subsystems, Prepared = prepared });
        }

        static GardenServiceException Exists(string cluster, string subsystem) => new(GardenErrorKind.AlreadyExists,
            $"cluster {cluster} already has a subsystem {subsystem}; delete it first to replace it");
    }

    /// <summary>Deletes the cluster its secret names (an unknown one is denied, like a wrong secret). Its jobs not yet accepted go back to be placed again.</summary>
    public void DeleteCluster(string cluster, string secret)
    {
        lock (_gate)
        {
            ClusterBySecret(cluster, secret);
            _store.DeleteCluster(cluster, _time.GetUtcNow());
            _clusters = _clusters.Remove(cluster);
        }
    }

    /// <summary>False when the cluster has no such subsystem.</summary>
    public bool DeleteSubsystem(string cluster, string secret, string subsystem)
    {
        lock (_gate)
        {
            var live = ClusterBySecret(cluster, secret);
            if (!live.Subsystems.ContainsKey(subsystem)) return false;
            var subsystems = live.Subsystems.Remove(subsystem);
            var prepared = _placer.Prepare(cluster, live.Record.Nodes, subsystems);
            _store.DeleteSubsystem(cluster, subsystem);
            _clusters = _clusters.SetItem(cluster, live with { Subsystems = subsystems, Prepared = prepared });
            return true;
        }
    }

    /// <summary>Merges a flat JSON object into the cluster's state (keys overwrite, none are removed).</summary>
    public void UpdateState(string cluster, string secret, string payload)
    {
        ClusterBySecret(cluster, secret);
        JsonObject update;
        try
        {
            update = JsonNode.Parse(payload) as JsonObject ?? throw Invalid("payload: the state must be a JSON object");
        }
        catch (JsonException e)
        {
            throw Invalid($"payload: not valid JSON: {e.Message}");
        }
        if (update.FirstOrDefault(p => p.Value is JsonObject or JsonArray) is { Key: { } nested })
            throw Invalid($"payload: state must be flat key/value pairs; '{nested}' is nested");
        lock (_gate)
        {
            var live = ClusterBySecret(cluster, secret);
            var state = JsonNode.Parse(live.StateJson)!.AsObject();
            foreach (var (key, value) in update)
                state[key] = value?.DeepClone();
            var json = state.ToJsonString();
            _store.SaveState(cluster, json);
            _clusters = _clusters.SetItem(cluster, live with { StateJson = json });
        }
    }

    public string StateOf(string cluster) => _clusters[cluster].StateJson;

    // An unknown cluster and a wrong credential get the same answer, after the same work, so that names cannot be
    // probed without credentials.
    private static readonly HashedSecret Nobody = HashedSecret.Of(HashedSecret.NewSecret());

    private LiveCluster ClusterBySecret(string cluster, string secret) =>
        Authenticate(cluster, secret, live => live.Record.Secret, "secret");

    private LiveCluster ClusterByToken(string cluster, string token) =>
        Authenticate(cluster, token, live => live.Record.Token, "token");

    /// <summary>
    /// The cluster, when the credential matches. A miss refreshes from the store first (the cluster may have been
    /// registered, or deleted and registered again, through another replica) and is then answered.
    /// </summary>
    private LiveCluster Authenticate(string cluster, string presented, Func<LiveCluster, HashedSecret> expected, string what)
    {
        if (Matching(cluster, presented, expected) is { } live) return live;
        Refresh();
        return Matching(cluster, presented, expected) ?? throw GardenServiceException.Denied($"no cluster '{cluster}' with that {what}");
    }

    private LiveCluster? Matching(string cluster, string presented, Func<LiveCluster, HashedSecret> expected)
    {
        var known = _clusters.TryGetValue(cluster, out var live);
        var matches = (known ? expected(live!) : Nobody).Matches(presented);
        return known && matches ? live : null;
    }

    private static GardenServiceException Invalid(string message) => new(GardenErrorKind.InvalidArgument, message);

    private static void CheckName(string what, string name)
    {
        if (!Patterns.Label.IsMatch(name))
            throw Invalid($"{what} '{name}': use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
}
