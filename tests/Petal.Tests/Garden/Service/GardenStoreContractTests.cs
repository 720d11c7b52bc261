using Microsoft.Data.Sqlite;
using Npgsql;
using Petal.Garden.Service;
using Petal.Garden.Service.Auth;
using Petal.Garden.Service.Placement;
using Petal.Garden.Service.Store;
using Petal.Tests.Garden;
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

    protected static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000);

    private static ClusterRecord Cluster(string name, string token = "token", string secret = "secret") =>
        new(name, $$$"""{"graph":{"nodes":[{"id":"{{{name}}}"}]}}""", HashedSecret.Of(token), HashedSecret.Of(secret), T0);

    protected static JobRecord Job(string cluster, string? requestId = null, GardenJobState state = GardenJobState.Assigned) => new()
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

    /// <summary>Inserts and waits (the tests below read the store right after).</summary>
    private static (long Id, bool Inserted) Insert(IGardenStore store, JobRecord job) => store.InsertJobAsync(job).GetAwaiter().GetResult();

    [SkippableFact]
    public async Task A_request_id_names_one_job_even_when_submitted_concurrently_through_several_stores()
    {
        var stores = Enumerable.Range(0, 4).Select(_ => Open()).ToList();
        stores[0].InsertCluster(Cluster("a"));
        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(i =>
            Task.Run(() => stores[i % stores.Count].InsertJobAsync(Job("a", requestId: $"r{i % 4}")))));
        Assert.Equal(4, results.Count(r => r.Inserted));
        Assert.Equal(4, results.Select(r => r.Id).Distinct().Count());
        Assert.Equal(4, stores[1].CountJobs());
        for (var i = 0; i < 4; i++)
            Assert.Equal(results[i].Id, (await stores[2].FindJobByRequestIdAsync($"r{i}"))!.Id);
        // Jobs without a request id are all stored.
        Assert.NotEqual(Insert(stores[0], Job("a")).Id, Insert(stores[1], Job("a")).Id);
        Assert.Equal(6, stores[3].CountJobs());
    }

    [SkippableFact]
    public void A_job_round_trips_every_field()
    {
        var store = Open();
        var job = Job("a", requestId: "req") with { Detail = "d", NativeId = "42", CancelRequested = true, Attempts = 3 };
        var (id, _) = Insert(store, job);
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
        var (id, _) = Insert(stores[0], Job("a"));
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
        var ids = Enumerable.Range(0, 40).Select(i => Insert(stores[0], Job(i % 2 == 0 ? "a" : "b")).Id).ToList();
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
        var assigned = Insert(store, Job("a")).Id;
        var accepted = Insert(store, Job("a")).Id;
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
        var ids = Enumerable.Range(0, 6).Select(i => Insert(store, Job(i % 2 == 0 ? "a" : "b") with
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

    [SkippableFact]
    public void Each_distinct_graph_is_stored_once_and_goes_when_nothing_names_it()
    {
        var store = Open();
        var random = new Random(18);
        string[] texts = [.. Enumerable.Range(0, 3).Select(i => $$$"""{"graph":{"nodes":[{"id":"{{{i}}}"}]}}"""), "{}"];
        // What the store should hold: every live cluster's graph and subsystem graphs, by name.
        var live = new Dictionary<string, (string Nodes, Dictionary<string, string> Subsystems)>();
        void Check()
        {
            var expected = live.Values.SelectMany(c => c.Subsystems.Values.Append(c.Nodes)).Distinct().Count();
            Assert.Equal(expected, store.CountGraphs());
        }
        for (var i = 0; i < 100; i++)
        {
            var nodes = texts[random.Next(3)];
            Assert.True(store.InsertCluster(Cluster($"c{i}") with { Nodes = nodes }));
            live[$"c{i}"] = (nodes, []);
            if (i % 4 == 0)
            {
                Assert.True(store.InsertSubsystem($"c{i}", "io", texts[3]));
                live[$"c{i}"].Subsystems["io"] = texts[3];
            }
        }
        Assert.Equal(4, store.CountGraphs());
        // Refused writes leave no graph behind.
        Assert.False(store.InsertCluster(Cluster("c1") with { Nodes = """{"refused":1}""" }));
        Assert.False(store.InsertSubsystem("c0", "io", """{"refused":2}"""));
        Check();
        // A second replica reads each graph once: clusters with the same graph hold the same string.
        var loaded = Open().ClustersChangedSince(0).Changed;
        Assert.Equal(live.Keys.Order(StringComparer.Ordinal), loaded.Select(c => c.Cluster.Name));
        foreach (var c in loaded)
        {
            Assert.Equal(live[c.Cluster.Name].Nodes, c.Cluster.Nodes);
            Assert.Equal(live[c.Cluster.Name].Subsystems, c.Subsystems);
        }
        Assert.Equal(3, loaded.Select(c => c.Cluster.Nodes).Distinct(ReferenceEqualityComparer.Instance).Count());
        // Deleting clusters and subsystems in any order: a graph stays while something names it, and only then.
        foreach (var name in live.Keys.OrderBy(_ => random.Next()).ToList())
        {
            if (live[name].Subsystems.Count > 0 && random.Next(2) == 0)
            {
                Assert.True(store.DeleteSubsystem(name, "io"));
                live[name].Subsystems.Clear();
                Check();
            }
            Assert.True(store.DeleteCluster(name, T0));
            live.Remove(name);
            Check();
        }
        Assert.Equal(0, store.CountGraphs());
    }

    [SkippableFact]
    public void A_replica_loading_many_clusters_from_few_graphs_matches_exactly_as_the_writer()
    {
        const string registration = "registration";
        GardenScheduler Replica() => new(Open(), new GardenMatchPlacer(), HashedSecret.Of(registration), new GardenOptions(), TimeProvider.System);
        var writer = Replica();
        (string Nodes, string? Subsystem, string? Graph)[] bases =
        [
            (RainbowFixtures.Read("scheduler/cluster-nodes.json"), "io", RainbowFixtures.Read("scheduler/cluster-io-subsystem.json")),
            (RainbowFixtures.Read("scheduler/cluster-nodes.json"), null, null),
            (RainbowFixtures.Read("range/cluster-nodes.json"), "spack", RainbowFixtures.Read("range/spack-subsystem.json")),
        ];
        var random = new Random(18);
        var withIo = new List<string>();
        var secrets = new Dictionary<string, string>();
        for (var i = 0; i < 100; i++)
        {
            var (nodes, subsystem, graph) = bases[random.Next(bases.Length)];
            var name = $"c{i:000}";
            secrets[name] = writer.Register(name, registration, nodes)!.Secret;
            if (subsystem is null) continue;
            writer.RegisterSubsystem(name, secrets[name], subsystem, graph!);
            if (subsystem == "io") withIo.Add(name);
        }
        var jobspecs = new[] { "scheduler/jobspec-io.yaml", "scheduler/jobspec-constraint.yaml", "range/jobspec-valid-range.yaml",
            "range/jobspec-invalid-range.yaml" }.Select(RainbowFixtures.Read).ToList();
        string Answer(GardenScheduler s, string jobspec)
        {
            try { return string.Join(",", s.Satisfy(jobspec)); }
            catch (GardenServiceException e) { return "refused: " + e.Message; }
        }
        // Subsystems stay per cluster although the clusters share graphs: only those given io run the io job.
        Assert.Equal(string.Join(",", withIo), Answer(writer, jobspecs[0]));
        var replica = Replica();
        Assert.Equal(jobspecs.Select(j => Answer(writer, j)), jobspecs.Select(j => Answer(replica, j)));

        // Changes through the writer reach the replica, still matching alike.
        foreach (var name in withIo.Take(10)) writer.DeleteSubsystem(name, secrets[name], "io");
        foreach (var name in secrets.Keys.Where((_, i) => i % 7 == 0)) writer.DeleteCluster(name, secrets[name]);
        replica.Refresh();
        Assert.Equal(jobspecs.Select(j => Answer(writer, j)), jobspecs.Select(j => Answer(replica, j)));
        Assert.Equal(jobspecs.Select(j => Answer(writer, j)), jobspecs.Select(j => Answer(Replica(), j)));
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

    [Fact]
    public void A_database_written_before_graphs_had_their_own_table_is_moved_over_on_open()
    {
        var path = _temp.File("garden.db");
        string[] graphs = ["""{"graph":{"nodes":[{"id":"0"}]}}""", """{"graph":{"nodes":[{"id":"1"}]}}""", "{}"];
        using (var db = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            db.Open();
            using var create = db.CreateCommand();
            // The layout before versions and before graphs had a table: every row carries its graph's text.
            create.CommandText = """
                CREATE TABLE clusters(name TEXT PRIMARY KEY, nodes TEXT NOT NULL, token_hash TEXT NOT NULL, secret_hash TEXT NOT NULL,
                    registered_ms BIGINT NOT NULL);
                CREATE TABLE subsystems(cluster TEXT NOT NULL REFERENCES clusters(name) ON DELETE CASCADE, name TEXT NOT NULL,
                    graph TEXT NOT NULL, PRIMARY KEY(cluster, name));
                CREATE TABLE states(cluster TEXT PRIMARY KEY REFERENCES clusters(name) ON DELETE CASCADE, payload TEXT NOT NULL);
                """;
            create.ExecuteNonQuery();
            for (var i = 0; i < 10; i++)
            {
                using var insert = db.CreateCommand();
                insert.CommandText = "INSERT INTO clusters VALUES(@n, @g, @t, @t, 1800000000000); INSERT INTO states VALUES(@n, @s);"
                    + (i % 2 == 0 ? " INSERT INTO subsystems VALUES(@n, 'io', @io);" : "");
                insert.Parameters.AddWithValue("@n", $"c{i}");
                insert.Parameters.AddWithValue("@g", graphs[i % 2]);
                insert.Parameters.AddWithValue("@t", HashedSecret.Of("token").ToString());
                insert.Parameters.AddWithValue("@s", $$"""{"free":{{i}}}""");
                insert.Parameters.AddWithValue("@io", graphs[2]);
                insert.ExecuteNonQuery();
            }
        }
        var store = Open();
        Assert.Equal(3, store.CountGraphs());
        var loaded = store.ClustersChangedSince(0).Changed;
        Assert.Equal(10, loaded.Count);
        foreach (var c in loaded)
        {
            var i = int.Parse(c.Cluster.Name[1..]);
            Assert.Equal(graphs[i % 2], c.Cluster.Nodes);
            Assert.Equal(i % 2 == 0 ? new Dictionary<string, string> { ["io"] = graphs[2] } : [], c.Subsystems);
            Assert.Equal($$"""{"free":{{i}}}""", c.StateJson);
            Assert.True(c.Cluster.Token.Matches("token"));
        }
        // Foreign keys hold again after the move: deleting a cluster takes its subsystem and state with it.
        Assert.True(store.DeleteCluster("c0", T0));
        Assert.True(store.InsertCluster(new ClusterRecord("c0", graphs[0], HashedSecret.Of("t"), HashedSecret.Of("s"), T0)));
        var back = store.ClustersChangedSince(0).Changed.Single(c => c.Cluster.Name == "c0");
        Assert.Equal("{}", back.StateJson);
        Assert.Empty(back.Subsystems);
        Assert.Throws<SqliteException>(() => store.InsertSubsystem("nobody", "io", "{}"));
    }

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

    [SkippableTheory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task A_replica_holds_at_most_its_connections_however_many_submissions_wait(int connections)
    {
        Skip.If(Unavailable is not null, Unavailable);
        var url = server.NewDatabaseUrl();
        using var store = GardenDatabase.Parse(url, connections).Open();
        var name = url[(url.LastIndexOf('/') + 1)..];
        // 200 submissions at once, each waiting for a connection without a thread; a watcher counts the backends.
        var inserts = Enumerable.Range(0, 200).Select(i => store.InsertJobAsync(Job("a", requestId: $"r{i}"))).ToList();
        var most = 0L;
        await using (var admin = new NpgsqlConnection(server.ConnectionString("postgres")))
        {
            await admin.OpenAsync();
            while (inserts.Any(t => !t.IsCompleted))
            {
                await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = @d", admin);
                count.Parameters.AddWithValue("d", name);
                most = Math.Max(most, (long)(await count.ExecuteScalarAsync())!);
            }
        }
        var ids = await Task.WhenAll(inserts);
        Assert.InRange(most, 1, connections);
        Assert.Equal(200, ids.Select(r => r.Id).Distinct().Count());
        Assert.Equal(200, store.CountJobs());
    }
}
