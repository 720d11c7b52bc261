using System.Data;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Petal.Garden.Service.Auth;

namespace Petal.Garden.Service.Store;

/// <summary>
/// The garden store's SQL, shared by SQLite and PostgreSQL (both read <c>@name</c> parameters, <c>ON CONFLICT</c>
/// and <c>RETURNING</c>); a subclass gives the connection, the schema and its transactions' isolation.
/// <para>
/// Cluster changes are versioned: every change of a cluster, its subsystems or its state takes the next number
/// from the one-row <c>garden_meta</c> (whose row lock serialises them, so versions commit in order) and stamps it
/// on the changed row; a deleted cluster leaves a tombstone. <see cref="ClustersChangedSince"/> reads everything
/// newer than a version a replica has seen. Jobs carry a revision: <see cref="UpdateJob"/> replaces only the
/// revision it read, so two replicas placing the same job again cannot both win.
/// </para>
/// <para>
/// Graphs (a cluster's JGF node graph, its subsystem graphs) are stored once per distinct text in <c>graphs</c>,
/// keyed by <see cref="GraphHash"/>; cluster and subsystem rows name theirs. Thousands of clusters registered from a
/// few descriptions hold a few graphs, and <see cref="ClustersChangedSince"/> reads each once and hands every
/// cluster naming it the same string. A graph no row names any more is deleted with the change that released it
/// (every such change holds the <c>garden_meta</c> row lock, so a graph cannot be released and taken at once).
/// </para>
/// </summary>
public abstract class SqlGardenStore : IGardenStore
{
    /// <summary>Runs <paramref name="work"/> on an open connection (a subclass decides which and guards it).</summary>
    protected abstract T Run<T>(Func<DbConnection, T> work);

    /// <summary>As <see cref="Run{T}"/>, without holding a thread while the database answers (where the driver can).</summary>
    protected abstract Task<T> RunAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken cancellation);

    /// <summary>Isolation for reads that must see one snapshot across several statements.</summary>
    protected abstract IsolationLevel SnapshotIsolation { get; }

    public abstract void Dispose();

    protected const string JobColumns = "id, request_id, name, jobspec, cluster, candidates, select_algorithm, select_options, "
        + "state, attempts, lapsed, detail, native_id, cancel_requested, submitted_ms, assigned_ms, updated_ms, revision";

    /// <summary>Tables both databases create alike (jobs differs only in how its id is generated).</summary>
    protected static string CommonSchema(string jobId) => $"""
        CREATE TABLE IF NOT EXISTS garden_meta(id INTEGER PRIMARY KEY, version BIGINT NOT NULL);
        INSERT INTO garden_meta(id, version) VALUES(1, 0) ON CONFLICT(id) DO NOTHING;
        CREATE TABLE IF NOT EXISTS graphs(hash TEXT PRIMARY KEY, jgf TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS clusters(
            name TEXT PRIMARY KEY, graph TEXT NOT NULL REFERENCES graphs(hash), token_hash TEXT NOT NULL,
            secret_hash TEXT NOT NULL, registered_ms BIGINT NOT NULL, version BIGINT NOT NULL DEFAULT 0);
        CREATE TABLE IF NOT EXISTS subsystems(
            cluster TEXT NOT NULL REFERENCES clusters(name) ON DELETE CASCADE, name TEXT NOT NULL,
            graph TEXT NOT NULL REFERENCES graphs(hash), PRIMARY KEY(cluster, name));
        CREATE TABLE IF NOT EXISTS states(
            cluster TEXT PRIMARY KEY REFERENCES clusters(name) ON DELETE CASCADE, payload TEXT NOT NULL,
            version BIGINT NOT NULL DEFAULT 0);
        CREATE TABLE IF NOT EXISTS deleted_clusters(name TEXT PRIMARY KEY, version BIGINT NOT NULL);
        CREATE TABLE IF NOT EXISTS jobs(
            id {jobId}, request_id TEXT UNIQUE, name TEXT NOT NULL, jobspec TEXT NOT NULL,
            cluster TEXT, candidates TEXT NOT NULL, select_algorithm TEXT, select_options TEXT NOT NULL,
            state TEXT NOT NULL, attempts BIGINT NOT NULL, lapsed TEXT NOT NULL, detail TEXT NOT NULL,
            native_id TEXT NOT NULL, cancel_requested BIGINT NOT NULL DEFAULT 0, submitted_ms BIGINT NOT NULL,
            assigned_ms BIGINT, updated_ms BIGINT NOT NULL, revision BIGINT NOT NULL DEFAULT 0);
        """;

    /// <summary>Indexes, created after the tables (and after an older SQLite database gained the version columns).</summary>
    protected const string Indexes = """
        CREATE INDEX IF NOT EXISTS jobs_by_state ON jobs(state, cluster, id);
        CREATE INDEX IF NOT EXISTS clusters_by_version ON clusters(version);
        CREATE INDEX IF NOT EXISTS states_by_version ON states(version);
        CREATE INDEX IF NOT EXISTS clusters_by_graph ON clusters(graph);
        CREATE INDEX IF NOT EXISTS subsystems_by_graph ON subsystems(graph);
        """;

    /// <summary>
    /// A graph's key in <c>graphs</c>: SHA-256 (lower-case hex) of its text as registered, UTF-8. The text is kept
    /// byte for byte, so graphs differing only in layout are two graphs.
    /// </summary>
    public static string GraphHash(string jgf) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(jgf)));

    /// <summary>Stores the graph unless it is stored already; its key.</summary>
    protected static string PutGraph(Session s, string jgf)
    {
        var hash = GraphHash(jgf);
        s.Execute("INSERT INTO graphs(hash, jgf) VALUES(@hash, @jgf) ON CONFLICT(hash) DO NOTHING", ("@hash", hash), ("@jgf", jgf));
        return hash;
    }

    /// <summary>Deletes those of <paramref name="hashes"/> no cluster or subsystem names any more.</summary>
    private static void DropOrphanGraphs(Session s, IEnumerable<string> hashes)
    {
        foreach (var hash in hashes.Distinct())
            s.Execute("DELETE FROM graphs WHERE hash = @hash AND NOT EXISTS (SELECT 1 FROM clusters WHERE graph = @hash) "
                + "AND NOT EXISTS (SELECT 1 FROM subsystems WHERE graph = @hash)", ("@hash", hash));
    }

    /// <summary>The graphs a cluster's rows name (its node graph and its subsystems').</summary>
    private static List<string> GraphsOf(Session s, string cluster) =>
        s.Rows("SELECT graph FROM clusters WHERE name = @name UNION SELECT graph FROM subsystems WHERE cluster = @name",
            r => r.GetString(0), ("@name", cluster));

    public long CountGraphs() => Run(db => Convert.ToInt64(new Session(db, null).Scalar("SELECT COUNT(*) FROM graphs")));

    public ClusterChanges ClustersChangedSince(long version) => InTransaction(SnapshotIsolation, s =>
    {
        var since = ("@since", (object?)version);
        // Each graph the changed clusters name, read once: clusters naming the same graph share its string.
        var graphs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (hash, jgf) in s.Rows("SELECT hash, jgf FROM graphs WHERE hash IN ("
                     + "SELECT graph FROM clusters WHERE version > @since UNION "
                     + "SELECT s.graph FROM subsystems s JOIN clusters c ON c.name = s.cluster WHERE c.version > @since)",
                     r => (r.GetString(0), r.GetString(1)), since))
            graphs[hash] = jgf;
        var subsystems = new Dictionary<string, Dictionary<string, string>>();
        foreach (var (cluster, name, graph) in s.Rows("SELECT s.cluster, s.name, s.graph FROM subsystems s "
                     + "JOIN clusters c ON c.name = s.cluster WHERE c.version > @since",
                     r => (r.GetString(0), r.GetString(1), graphs[r.GetString(2)]), since))
            (subsystems.TryGetValue(cluster, out var of) ? of : subsystems[cluster] = [])[name] = graph;
        var latest = version;
        var clusters = s.Rows("SELECT name, graph, token_hash, secret_hash, registered_ms, version FROM clusters "
                + "WHERE version > @since ORDER BY name",
            r => (Record: new ClusterRecord(r.GetString(0), graphs[r.GetString(1)], HashedSecret.Parse(r.GetString(2)),
                HashedSecret.Parse(r.GetString(3)), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4))), Version: r.GetInt64(5)), since);
        // A changed cluster comes with its state whatever the state's version; a state alone when only it changed.
        var states = s.Rows("SELECT st.cluster, st.payload, st.version FROM states st JOIN clusters c ON c.name = st.cluster "
                + "WHERE st.version > @since OR c.version > @since",
            r => (Cluster: r.GetString(0), Payload: r.GetString(1), Version: r.GetInt64(2)), since);
        var deleted = s.Rows("SELECT name, version FROM deleted_clusters WHERE version > @since",
            r => (Name: r.GetString(0), Version: r.GetInt64(1)), since);
        foreach (var v in clusters.Select(c => c.Version).Concat(states.Select(st => st.Version)).Concat(deleted.Select(d => d.Version)))
            latest = Math.Max(latest, v);
        var payloads = states.ToDictionary(st => st.Cluster, st => st.Payload, StringComparer.Ordinal);
        var changed = clusters.Select(c => new StoredCluster(c.Record,
            subsystems.GetValueOrDefault(c.Record.Name) ?? [], payloads.GetValueOrDefault(c.Record.Name) ?? "{}")).ToList();
        var names = changed.Select(c => c.Cluster.Name).ToHashSet(StringComparer.Ordinal);
        return new ClusterChanges(latest, changed,
            states.Where(st => !names.Contains(st.Cluster) && st.Version > version).ToDictionary(st => st.Cluster, st => st.Payload, StringComparer.Ordinal),
            deleted.Select(d => d.Name).ToList());
    });

    public bool InsertCluster(ClusterRecord cluster) => InTransaction(null, s =>
    {
        var version = NextVersion(s);
        var graph = PutGraph(s, cluster.Nodes);
        var inserted = s.Execute("INSERT INTO clusters(name, graph, token_hash, secret_hash, registered_ms, version) "
                + "VALUES(@name, @graph, @token, @secret, @at, @version) ON CONFLICT(name) DO NOTHING",
            ("@name", cluster.Name), ("@graph", graph), ("@token", cluster.Token.ToString()),
            ("@secret", cluster.Secret.ToString()), ("@at", cluster.RegisteredAt.ToUnixTimeMilliseconds()), ("@version", version)) == 1;
        if (inserted) s.Execute("DELETE FROM deleted_clusters WHERE name = @name", ("@name", cluster.Name));
        else DropOrphanGraphs(s, [graph]);
        return inserted;
    });

    public bool DeleteCluster(string name, DateTimeOffset now) => InTransaction(null, s =>
    {
        var version = NextVersion(s);
        var graphs = GraphsOf(s, name);
        var deleted = s.Execute("DELETE FROM clusters WHERE name = @name", ("@name", name)) == 1;
        if (!deleted) return false;
        DropOrphanGraphs(s, graphs);
        s.Execute("INSERT INTO deleted_clusters(name, version) VALUES(@name, @version) "
            + "ON CONFLICT(name) DO UPDATE SET version = excluded.version", ("@name", name), ("@version", version));
        s.Execute("UPDATE jobs SET state = @submitted, cluster = NULL, assigned_ms = NULL, updated_ms = @now, revision = revision + 1, "
                + "detail = 'cluster ' || @name || ' was deleted before accepting the job' "
                + "WHERE cluster = @name AND state = @assigned",
            ("@name", name), ("@now", now.ToUnixTimeMilliseconds()),
            ("@submitted", Text(GardenJobState.Submitted)), ("@assigned", Text(GardenJobState.Assigned)));
        return true;
    });

    public bool InsertSubsystem(string cluster, string name, string graph) => InTransaction(null, s =>
    {
        var version = NextVersion(s);
        var hash = PutGraph(s, graph);
        if (s.Execute("INSERT INTO subsystems(cluster, name, graph) VALUES(@cluster, @name, @graph) ON CONFLICT(cluster, name) DO NOTHING",
                ("@cluster", cluster), ("@name", name), ("@graph", hash)) != 1)
        {
            DropOrphanGraphs(s, [hash]);
            return false;
        }
        s.Execute("UPDATE clusters SET version = @version WHERE name = @cluster", ("@cluster", cluster), ("@version", version));
        return true;
    });

    public bool DeleteSubsystem(string cluster, string name) => InTransaction(null, s =>
    {
        var version = NextVersion(s);
        var hash = s.Rows("SELECT graph FROM subsystems WHERE cluster = @cluster AND name = @name", r => r.GetString(0),
            ("@cluster", cluster), ("@name", name));
        if (s.Execute("DELETE FROM subsystems WHERE cluster = @cluster AND name = @name", ("@cluster", cluster), ("@name", name)) != 1)
            return false;
        DropOrphanGraphs(s, hash);
        s.Execute("UPDATE clusters SET version = @version WHERE name = @cluster", ("@cluster", cluster), ("@version", version));
        return true;
    });

    public void SaveState(string cluster, string stateJson) => InTransaction(null, s =>
        s.Execute("INSERT INTO states(cluster, payload, version) VALUES(@cluster, @payload, @version) "
                + "ON CONFLICT(cluster) DO UPDATE SET payload = excluded.payload, version = excluded.version",
            ("@cluster", cluster), ("@payload", stateJson), ("@version", NextVersion(s))));

    public Task<(long Id, bool Inserted)> InsertJobAsync(JobRecord job, CancellationToken cancellation = default) => RunAsync(async db =>
    {
        var s = new Session(db, null);
        // A concurrent insert of the same request id (another replica) is waited for, then this one stores nothing.
        if (await s.ScalarAsync(cancellation, $"INSERT INTO jobs({JobColumns[4..]}) VALUES(@request_id, @name, @jobspec, @cluster, "
                    + "@candidates, @select_algorithm, @select_options, @state, @attempts, @lapsed, @detail, @native_id, "
                    + "@cancel_requested, @submitted_ms, @assigned_ms, @updated_ms, 0) ON CONFLICT(request_id) DO NOTHING RETURNING id",
                JobParameters(job)) is { } id)
            return (Convert.ToInt64(id), true);
        return (Convert.ToInt64(await s.ScalarAsync(cancellation, "SELECT id FROM jobs WHERE request_id = @r", ("@r", job.RequestId))), false);
    }, cancellation);

    public JobRecord? FindJob(long id) => QueryJobs("WHERE id = @id", ("@id", id)).FirstOrDefault();

    public Task<JobRecord?> FindJobByRequestIdAsync(string requestId, CancellationToken cancellation = default) => RunAsync(async db =>
        (await new Session(db, null).RowsAsync(cancellation, $"SELECT {JobColumns} FROM jobs WHERE request_id = @r", ReadJob,
            ("@r", requestId))).FirstOrDefault(), cancellation);

    public IReadOnlyList<JobRecord> JobsInState(GardenJobState state, string? cluster, int max) =>
        QueryJobs("WHERE state = @state" + (cluster is null ? "" : " AND cluster = @cluster") + " ORDER BY id"
                + (max < 1 ? "" : " LIMIT @max"),
            ("@state", Text(state)), ("@cluster", cluster), ("@max", (long)max));

    public IReadOnlyList<JobRecord> JobsOnCluster(string cluster) =>
        QueryJobs("WHERE cluster = @cluster AND state IN (@accepted, @running) ORDER BY id",
            ("@cluster", cluster), ("@accepted", Text(GardenJobState.Accepted)), ("@running", Text(GardenJobState.Running)));

    public IReadOnlyList<JobRecord> ExpiredAssignments(DateTimeOffset assignedBefore) =>
        QueryJobs("WHERE state = @state AND assigned_ms < @before ORDER BY id",
            ("@state", Text(GardenJobState.Assigned)), ("@before", assignedBefore.ToUnixTimeMilliseconds()));

    public int AcceptJobs(string cluster, IReadOnlyCollection<long> ids, DateTimeOffset now) => InTransaction(null, s =>
        ids.Distinct().Order().Sum(id => s.Execute("UPDATE jobs SET state = @accepted, updated_ms = @now, revision = revision + 1 "
                + "WHERE id = @id AND cluster = @cluster AND state = @assigned",
            ("@accepted", Text(GardenJobState.Accepted)), ("@now", now.ToUnixTimeMilliseconds()),
            ("@cluster", cluster), ("@assigned", Text(GardenJobState.Assigned)), ("@id", id))));

    public bool UpdateJob(JobRecord job) => Run(db => new Session(db, null).Execute(
        "UPDATE jobs SET cluster = @cluster, state = @state, attempts = @attempts, lapsed = @lapsed, detail = @detail, "
            + "native_id = @native_id, cancel_requested = @cancel_requested, assigned_ms = @assigned_ms, updated_ms = @updated_ms, "
            + "revision = revision + 1 WHERE id = @id AND revision = @revision",
        [.. JobParameters(job), ("@id", job.Id), ("@revision", job.Revision)]) == 1);

    public long CountJobs() => Run(db => Convert.ToInt64(new Session(db, null).Scalar("SELECT COUNT(*) FROM jobs")));

    private static long NextVersion(Session s) =>
        Convert.ToInt64(s.Scalar("UPDATE garden_meta SET version = version + 1 WHERE id = 1 RETURNING version"));

    private IReadOnlyList<JobRecord> QueryJobs(string where, params (string Name, object? Value)[] parameters) =>
        Run(db => new Session(db, null).Rows($"SELECT {JobColumns} FROM jobs {where}", ReadJob,
            parameters.Where(p => where.Contains(p.Name, StringComparison.Ordinal)).ToArray()));

    private static JobRecord ReadJob(DbDataReader r) => new()
    {
        Id = r.GetInt64(0),
        RequestId = r.IsDBNull(1) ? null : r.GetString(1),
        Name = r.GetString(2),
        Jobspec = r.GetString(3),
        Cluster = r.IsDBNull(4) ? null : r.GetString(4),
        Candidates = JsonSerializer.Deserialize<string[]>(r.GetString(5))!,
        SelectAlgorithm = r.IsDBNull(6) ? null : r.GetString(6),
        SelectOptions = JsonSerializer.Deserialize<Dictionary<string, string>>(r.GetString(7))!,
        State = Enum.Parse<GardenJobState>(r.GetString(8), ignoreCase: true),
        Attempts = checked((int)r.GetInt64(9)),
        Lapsed = JsonSerializer.Deserialize<string[]>(r.GetString(10))!,
        Detail = r.GetString(11),
        NativeId = r.GetString(12),
        CancelRequested = r.GetInt64(13) != 0,
        SubmittedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(14)),
        AssignedAt = r.IsDBNull(15) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(15)),
        UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(16)),
        Revision = r.GetInt64(17),
    };

    private static (string, object?)[] JobParameters(JobRecord job) =>
    [
        ("@request_id", job.RequestId), ("@name", job.Name), ("@jobspec", job.Jobspec), ("@cluster", job.Cluster),
        ("@candidates", JsonSerializer.Serialize(job.Candidates)), ("@select_algorithm", job.SelectAlgorithm),
        ("@select_options", JsonSerializer.Serialize(job.SelectOptions)), ("@state", Text(job.State)),
        ("@attempts", (long)job.Attempts), ("@lapsed", JsonSerializer.Serialize(job.Lapsed)), ("@detail", job.Detail),
        ("@native_id", job.NativeId), ("@cancel_requested", job.CancelRequested ? 1L : 0L),
        ("@submitted_ms", job.SubmittedAt.ToUnixTimeMilliseconds()),
        ("@assigned_ms", job.AssignedAt?.ToUnixTimeMilliseconds()), ("@updated_ms", job.UpdatedAt.ToUnixTimeMilliseconds()),
    ];

    private static string Text(GardenJobState state) => state.ToString().ToLowerInvariant();

    /// <summary>One transaction (committed when <paramref name="work"/> returns, rolled back when it throws).</summary>
    protected T InTransaction<T>(IsolationLevel? isolation, Func<Session, T> work) => Run(db =>
    {
        using var transaction = isolation is { } level ? db.BeginTransaction(level) : db.BeginTransaction();
        var result = work(new Session(db, transaction));
        transaction.Commit();
        return result;
    });

    protected void InTransaction(IsolationLevel? isolation, Action<Session> work) =>
        InTransaction<bool>(isolation, s => { work(s); return true; });

    /// <summary>Parameterised statements on one connection (and transaction, when there is one).</summary>
    protected sealed class Session(DbConnection db, DbTransaction? transaction)
    {
        public int Execute(string sql, params (string Name, object? Value)[] parameters)
        {
            using var command = Command(sql, parameters);
            return command.ExecuteNonQuery();
        }

        public object? Scalar(string sql, params (string Name, object? Value)[] parameters)
        {
            using var command = Command(sql, parameters);
            return command.ExecuteScalar();
        }

        public async Task<object?> ScalarAsync(CancellationToken cancellation, string sql, params (string Name, object? Value)[] parameters)
        {
            await using var command = Command(sql, parameters);
            return await command.ExecuteScalarAsync(cancellation);
        }

        public List<T> Rows<T>(string sql, Func<DbDataReader, T> read, params (string Name, object? Value)[] parameters)
        {
            using var command = Command(sql, parameters);
            using var reader = command.ExecuteReader();
            var rows = new List<T>();
            while (reader.Read())
                rows.Add(read(reader));
            return rows;
        }

        public async Task<List<T>> RowsAsync<T>(CancellationToken cancellation, string sql, Func<DbDataReader, T> read,
            params (string Name, object? Value)[] parameters)
        {
            await using var command = Command(sql, parameters);
            await using var reader = await command.ExecuteReaderAsync(cancellation);
            var rows = new List<T>();
            while (await reader.ReadAsync(cancellation))
                rows.Add(read(reader));
            return rows;
        }

        private DbCommand Command(string sql, (string Name, object? Value)[] parameters)
        {
            var command = db.CreateCommand();
            command.CommandText = sql;
            command.Transaction = transaction;
            foreach (var (name, value) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value ?? DBNull.Value;
                command.Parameters.Add(parameter);
            }
            return command;
        }
    }
}
