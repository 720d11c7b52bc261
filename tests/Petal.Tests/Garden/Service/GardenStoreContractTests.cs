using Petal.Garden.Service;
using Petal.Garden.Service.Auth;
using Petal.Garden.Service.Store;
using Petal.Tests.Support;

namespace Petal.Tests.Garden.Service;

/// <summary>
/// What every <see cref="IGardenStore"/> promises, run against each implementation (SQLite file, real PostgreSQL):
/// one transaction per call, idempotent request ids, jobs accepted once, revisions that let one writer win,
/// versioned cluster changes another replica can catch up from.
/// </summary>
public abstract class GardenStoreContract : IDisposable
{
    private readonly List<IGardenStore> _opened = [];

    /// <summary>The database a test uses; every call to <see cref="Open"/> opens it again (a second replica).</summary>
    protected abstract GardenDatabase Database { get; }

    /// <summary>Why this store cannot be tested here, or null.</summary>
    protected virtual string? Unavailable => null;

    protected IGardenStore Open()
    {
        Skip.If(Unavailable is not null, Unavailable);
        var store = Database.Open();
        _opened.Add(store);
        return store;
    }

    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000);

    private static ClusterRecord Cluster(string name, string token = "token", string secret = "secret") =>
        new(name, $$$"""{"graph":{"nodes":[{"id":"{{{name}}}"}]}}""", HashedSecret.Of(token), HashedSecret.Of(secret), T0);

    private static JobRecord Job(string cluster, string? requestId = null, GardenJobState state = GardenJobState.Assigned) => new()
    {
        RequestId = requestId, Name = "job", Jobspec = "version: 1", Cluster = cluster, Candidates = [cluster, "other"],
        State = state, Attempts = 1, SubmittedAt = T0, AssignedAt = T0, UpdatedAt = T0,
        SelectOptions = new Dictionary<string, string> { ["k"] = "v" }, Lapsed = ["x"],
    };

    [SkippableFact]
    public void A_cluster_name_is_stored_once_with_its_credentials_hashed()
    {
        var store = Open();
        Assert.True(store.InsertCluster(Cluster("a", "tok-a", "sec-a")));
        Assert.False(store.InsertCluster(Cluster("a", "tok-b", "sec-b")));
        var loaded = Assert.Single(store.ClustersChangedSince(0).Changed);
        Assert.True(loaded.Cluster.Token.Matches("tok-a"));
        Assert.True(loaded.Cluster.Secret.Matches("sec-a"));
        Assert.False(loaded.Cluster.Token.Matches("tok-b"));
        Assert.DoesNotContain("tok-a", loaded.Cluster.Token.ToString());
        Assert.Equal(T0, loaded.Cluster.RegisteredAt);
    }

    [SkippableFact]
    public void A_replica_catches_up_on_every_cluster_change_after_the_version_it_saw()
    {
        var writer = Open();
        var reader = Open();
        writer.InsertCluster(Cluster("a"));
        writer.InsertCluster(Cluster("gone"));
        var seen = reader.ClustersChangedSince(0);
        Assert.Equal(["a", "gone"], seen.Changed.Select(c => c.Cluster.Name));
        Assert.True(reader.ClustersChangedSince(seen.Version).IsEmpty);

        writer.InsertCluster(Cluster("b"));
        writer.InsertSubsystem("a", "io", "{}");
        writer.SaveState("b", """{"free":3}""");
        writer.DeleteCluster("gone", T0);
        var changes = reader.ClustersChangedSince(seen.Version);
        Assert.True(changes.Version > seen.Version);
        Assert.Equal(["a", "b"], changes.Changed.Select(c => c.Cluster.Name).Order());
        Assert.Equal("{}", changes.Changed.Single(c => c.Cluster.Name == "a").Subsystems["io"]);
        Assert.Equal("""{"free":3}""", changes.Changed.Single(c => c.Cluster.Name == "b").StateJson);
        Assert.Equal(["gone"], changes.Deleted);

        // A state alone comes as a state; a cluster deleted and registered again comes back whole.
        writer.SaveState("a", """{"free":1}""");
        Assert.True(writer.InsertCluster(Cluster("gone", "new-token")));
        var later = reader.ClustersChangedSince(changes.Version);
        Assert.Equal("""{"free":1}""", later.States["a"]);
        var back = Assert.Single(later.Changed);
        Assert.True(back.Cluster.Token.Matches("new-token"));
        Assert.Empty(later.Deleted);
        Assert.True(reader.ClustersChangedSince(later.Version).IsEmpty);
    }

    [SkippableFact]
    public void A_request_id_names_one_job_even_when_submitted_concurrently_through_several_stores()
    {
        var stores = Enumerable.Range(0, 4).Select(_ => Open()).ToList();
        stores[0].InsertCluster(Cluster("a"));
        var results = new (long Id, bool Inserted)[32];
        Parallel.For(0, results.Length, i => results[i] = stores[i % stores.Count].InsertJob(Job("a", requestId: $"r{i % 4}")));
        Assert.Equal(4, results.Count(r => r.Inserted));
        Assert.Equal(4, results.Select(r => r.Id).Distinct().Count());
        Assert.Equal(4, stores[1].CountJobs());
        for (var i = 0; i < 4; i++)
            Assert.Equal(results[i].Id, stores[2].FindJobByRequestId($"r{i}")!.Id);
        // Jobs without a request id are all stored.
        Assert.NotEqual(stores[0].InsertJob(Job("a")).Id, stores[1].InsertJob(Job("a")).Id);
        Assert.Equal(6, stores[3].CountJobs());
    }

    [SkippableFact]
    public void A_job_round_trips_every_field()
    {
        var store = Open();
        var job = Job("a", requestId: "req") with { Detail = "d", NativeId = "42", CancelRequested = true, Attempts = 3 };
        var (id, _) = store.InsertJob(job);
        var read = store.FindJob(id)!;
        Assert.Equal(job with { Id = id, Revision = read.Revision, Candidates = read.Candidates, Lapsed = read.Lapsed, SelectOptions = read.SelectOptions }, read);
        Assert.Equal(job.Candidates, read.Candidates);
        Assert.Equal(job.Lapsed, read.Lapsed);
        Assert.Equal(job.SelectOptions, read.SelectOptions);
        Assert.Null(store.FindJob(id + 1000));
    }

    [SkippableFact]
    public void Of_concurrent_updates_from_the_same_read_exactly_one_wins()
    {
        var stores = Enumerable.Range(0, 3).Select(_ => Open()).ToList();
        var (id, _) = stores[0].InsertJob(Job("a"));
        var read = stores[0].FindJob(id)!;
        var wins = new bool[24];
        Parallel.For(0, wins.Length, i => wins[i] = stores[i % stores.Count].UpdateJob(read with { Cluster = $"c{i}", Attempts = 2 }));
        var winner = Assert.Single(Enumerable.Range(0, wins.Length), i => wins[i]);
        var now = stores[1].FindJob(id)!;
        Assert.Equal($"c{winner}", now.Cluster);
        Assert.NotEqual(read.Revision, now.Revision);
        // The row moved on: an update from the first read loses, one from the new read wins.
        Assert.False(stores[2].UpdateJob(read with { Detail = "stale" }));
        Assert.True(stores[2].UpdateJob(now with { Detail = "fresh" }));
    }

    [SkippableFact]
    public void Concurrent_accepts_accept_each_assigned_job_once_and_only_on_its_cluster()
    {
        var stores = Enumerable.Range(0, 3).Select(_ => Open()).ToList();
        var random = new Random(18);
        var ids = Enumerable.Range(0, 40).Select(i => stores[0].InsertJob(Job(i % 2 == 0 ? "a" : "b")).Id).ToList();
        var onA = ids.Where((_, i) => i % 2 == 0).ToHashSet();
        var batches = Enumerable.Range(0, 30).Select(_ => ids.OrderBy(_ => random.Next()).Take(random.Next(1, 20)).ToList()).ToList();
        var accepted = new int[batches.Count];
        Parallel.For(0, batches.Count, i => accepted[i] = stores[i % stores.Count].AcceptJobs("a", batches[i], T0));
        var touched = batches.SelectMany(b => b).Where(onA.Contains).ToHashSet();
        Assert.Equal(touched.Count, accepted.Sum());
        foreach (var id in ids)
            Assert.Equal(touched.Contains(id) ? GardenJobState.Accepted : GardenJobState.Assigned, stores[1].FindJob(id)!.State);
        Assert.Equal(touched.Order(), stores[2].JobsOnCluster("a").Select(j => j.Id));
    }

    [SkippableFact]
    public void Deleting_a_cluster_sends_its_unaccepted_jobs_back_and_keeps_accepted_ones()
    {
        var store = Open();
        store.InsertCluster(Cluster("a"));
        store.InsertSubsystem("a", "io", "{}");
        store.SaveState("a", "{}");
        var assigned = store.InsertJob(Job("a")).Id;
        var accepted = store.InsertJob(Job("a")).Id;
        store.AcceptJobs("a", [accepted], T0);
        Assert.True(store.DeleteCluster("a", T0.AddSeconds(1)));
        Assert.False(store.DeleteCluster("a", T0));
        var back = store.FindJob(assigned)!;
        Assert.Equal(GardenJobState.Submitted, back.State);
        Assert.Null(back.Cluster);
        Assert.Contains("cluster a was deleted", back.Detail);
        Assert.Equal(GardenJobState.Accepted, store.FindJob(accepted)!.State);
        Assert.Empty(store.ClustersChangedSince(0).Changed);
        // Its subsystems went with it: registering the name again starts with none.
        Assert.True(store.InsertCluster(Cluster("a")));
        Assert.True(store.InsertSubsystem("a", "io", "{}"));
    }

    [SkippableFact]
    public void Job_queries_filter_order_and_limit()
    {
        var store = Open();
        var ids = Enumerable.Range(0, 6).Select(i => store.InsertJob(Job(i % 2 == 0 ? "a" : "b") with
            { AssignedAt = T0.AddSeconds(i) }).Id).ToList();
        Assert.Equal(ids, store.JobsInState(GardenJobState.Assigned, null, 0).Select(j => j.Id));
        Assert.Equal(ids.Where((_, i) => i % 2 == 0).Take(2), store.JobsInState(GardenJobState.Assigned, "a", 2).Select(j => j.Id));
        Assert.Empty(store.JobsInState(GardenJobState.Submitted, null, 0));
        Assert.Equal(ids.Take(3), store.ExpiredAssignments(T0.AddSeconds(3)).Select(j => j.Id));
    }

    [SkippableFact]
    public void Stores_opened_at_once_on_one_database_all_start()
    {
        Skip.If(Unavailable is not null, Unavailable);
        var stores = new IGardenStore[6];
        var database = Database;
        Parallel.For(0, stores.Length, i => stores[i] = database.Open());
        _opened.AddRange(stores);
        Assert.True(stores[0].InsertCluster(Cluster("a")));
        Assert.All(stores, s => Assert.Single(s.ClustersChangedSince(0).Changed));
    }

    public virtual void Dispose()
    {
        foreach (var store in _opened) store.Dispose();
    }
}

public sealed class SqliteGardenStoreTests : GardenStoreContract
{
    private readonly TempDirectory _temp = new();

    protected override GardenDatabase Database => GardenDatabase.Parse(_temp.File("garden.db"));

    public override void Dispose()
    {
        base.Dispose();
        _temp.Dispose();
    }
}

[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresGardenStoreTests(PostgresServer server) : GardenStoreContract, IClassFixture<PostgresServer>
{
    private GardenDatabase? _database;

    protected override string? Unavailable => PostgresServer.Missing;

    /// <summary>A fresh database for each test, on the class's server.</summary>
    protected override GardenDatabase Database => _database ??= GardenDatabase.Parse(server.NewDatabaseUrl());
}
