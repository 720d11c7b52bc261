using System.Text.Json;
using Microsoft.Data.Sqlite;
using Petal.Garden.Service.Auth;

namespace Petal.Garden.Service.Store;

/// <summary>
/// SQLite (WAL) store. One connection guarded by a lock: SQLite serialises writers anyway, and a single
/// connection avoids busy-waits between pooled connections under load. All SQL is parameterised.
/// </summary>
public sealed class SqliteGardenStore : IGardenStore
{
    private readonly SqliteConnection _db;
    private readonly Lock _gate = new();

    public SqliteGardenStore(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        OwnerOnly(path);
        _db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _db.Open();
        Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;");
        Execute(Schema);
    }

    /// <summary>
    /// The database holds every jobspec and the clusters' credential hashes: readable by the service's account only.
    /// Created 0600 before SQLite opens it (SQLite gives its -wal and -shm files the database's mode); an existing
    /// database and its companions are narrowed to 0600.
    /// </summary>
    private static void OwnerOnly(string path)
    {
        const UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        new FileStream(path, new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, UnixCreateMode = mode }).Dispose();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            if (File.Exists(file)) File.SetUnixFileMode(file, mode);
    }

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS clusters(
            name TEXT PRIMARY KEY, nodes TEXT NOT NULL, token_hash TEXT NOT NULL, secret_hash TEXT NOT NULL,
            registered_ms INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS subsystems(
            cluster TEXT NOT NULL REFERENCES clusters(name) ON DELETE CASCADE, name TEXT NOT NULL, graph TEXT NOT NULL,
            PRIMARY KEY(cluster, name));
        CREATE TABLE IF NOT EXISTS states(
            cluster TEXT PRIMARY KEY REFERENCES clusters(name) ON DELETE CASCADE, payload TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS jobs(
            id INTEGER PRIMARY KEY AUTOINCREMENT, request_id TEXT UNIQUE, name TEXT NOT NULL, jobspec TEXT NOT NULL,
            cluster TEXT, candidates TEXT NOT NULL, select_algorithm TEXT, select_options TEXT NOT NULL,
            state TEXT NOT NULL, attempts INTEGER NOT NULL, lapsed TEXT NOT NULL, detail TEXT NOT NULL,
            native_id TEXT NOT NULL, cancel_requested INTEGER NOT NULL DEFAULT 0, submitted_ms INTEGER NOT NULL, assigned_ms INTEGER, updated_ms INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS jobs_by_state ON jobs(state, cluster, id);
        """;

    private const string JobColumns = "id, request_id, name, jobspec, cluster, candidates, select_algorithm, select_options, "
        + "state, attempts, lapsed, detail, native_id, cancel_requested, submitted_ms, assigned_ms, updated_ms";

    public IReadOnlyList<StoredCluster> LoadClusters()
    {
        lock (_gate)
        {
            var subsystems = new Dictionary<string, Dictionary<string, string>>();
            foreach (var (cluster, name, graph) in Rows("SELECT cluster, name, graph FROM subsystems",
                         r => (r.GetString(0), r.GetString(1), r.GetString(2))))
                Entry(subsystems, cluster)[name] = graph;
            var states = Rows("SELECT cluster, payload FROM states", r => (Cluster: r.GetString(0), Payload: r.GetString(1)))
                .ToDictionary(s => s.Cluster, s => s.Payload);
            var clusters = Rows("SELECT name, nodes, token_hash, secret_hash, registered_ms FROM clusters ORDER BY name",
                r => new ClusterRecord(r.GetString(0), r.GetString(1), HashedSecret.Parse(r.GetString(2)),
                    HashedSecret.Parse(r.GetString(3)), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4))))
                .Select(c => new StoredCluster(c, subsystems.GetValueOrDefault(c.Name) ?? [], states.GetValueOrDefault(c.Name) ?? "{}"))
                .ToList();
            return clusters;
        }
    }

    public bool InsertCluster(ClusterRecord cluster)
    {
        lock (_gate)
        {
            var inserted = NonQuery("INSERT INTO clusters(name, nodes, token_hash, secret_hash, registered_ms) "
                    + "VALUES($name, $nodes, $token, $secret, $at) ON CONFLICT(name) DO NOTHING",
                ("$name", cluster.Name), ("$nodes", cluster.Nodes), ("$token", cluster.Token.ToString()),
                ("$secret", cluster.Secret.ToString()), ("$at", cluster.RegisteredAt.ToUnixTimeMilliseconds()));
            return inserted == 1;
        }
    }

    public bool DeleteCluster(string name, DateTimeOffset now)
    {
        lock (_gate)
        {
            using var transaction = _db.BeginTransaction();
            var deleted = NonQuery("DELETE FROM clusters WHERE name = $name", ("$name", name));
            NonQuery("UPDATE jobs SET state = $submitted, cluster = NULL, assigned_ms = NULL, updated_ms = $now, "
                    + "detail = 'cluster ' || $name || ' was deleted before accepting the job' "
                    + "WHERE cluster = $name AND state = $assigned",
                ("$name", name), ("$now", now.ToUnixTimeMilliseconds()),
                ("$submitted", Text(GardenJobState.Submitted)), ("$assigned", Text(GardenJobState.Assigned)));
            transaction.Commit();
            return deleted == 1;
        }
    }

    public bool InsertSubsystem(string cluster, string name, string graph)
    {
        lock (_gate)
            return NonQuery("INSERT INTO subsystems(cluster, name, graph) VALUES($cluster, $name, $graph) "
                    + "ON CONFLICT(cluster, name) DO NOTHING",
                ("$cluster", cluster), ("$name", name), ("$graph", graph)) == 1;
    }

    public bool DeleteSubsystem(string cluster, string name)
    {
        lock (_gate)
            return NonQuery("DELETE FROM subsystems WHERE cluster = $cluster AND name = $name",
                ("$cluster", cluster), ("$name", name)) == 1;
    }

    public void SaveState(string cluster, string stateJson)
    {
        lock (_gate)
            NonQuery("INSERT INTO states(cluster, payload) VALUES($cluster, $payload) "
                    + "ON CONFLICT(cluster) DO UPDATE SET payload = excluded.payload",
                ("$cluster", cluster), ("$payload", stateJson));
    }

    public (long Id, bool Inserted) InsertJob(JobRecord job)
    {
        lock (_gate)
        {
            if (job.RequestId is { } requestId
                && Scalar("SELECT id FROM jobs WHERE request_id = $r", ("$r", requestId)) is long existing)
                return (existing, false);
            return ((long)Scalar($"INSERT INTO jobs({JobColumns[4..]}) VALUES($request_id, $name, $jobspec, $cluster, "
                    + "$candidates, $select_algorithm, $select_options, $state, $attempts, $lapsed, $detail, $native_id, "
                    + "$cancel_requested, $submitted_ms, $assigned_ms, $updated_ms) RETURNING id", JobParameters(job))!, true);
        }
    }

    public JobRecord? FindJob(long id) => QueryJobs("WHERE id = $id", ("$id", id)).FirstOrDefault();

    public JobRecord? FindJobByRequestId(string requestId) =>
        QueryJobs("WHERE request_id = $r", ("$r", requestId)).FirstOrDefault();

    public IReadOnlyList<JobRecord> JobsInState(GardenJobState state, string? cluster, int max) =>
        QueryJobs("WHERE state = $state AND ($cluster IS NULL OR cluster = $cluster) ORDER BY id LIMIT $max",
            ("$state", Text(state)), ("$cluster", cluster), ("$max", max < 1 ? -1 : max));

    public IReadOnlyList<JobRecord> JobsOnCluster(string cluster) =>
        QueryJobs("WHERE cluster = $cluster AND state IN ($accepted, $running) ORDER BY id",
            ("$cluster", cluster), ("$accepted", Text(GardenJobState.Accepted)), ("$running", Text(GardenJobState.Running)));

    public IReadOnlyList<JobRecord> ExpiredAssignments(DateTimeOffset assignedBefore) =>
        QueryJobs("WHERE state = $state AND assigned_ms < $before ORDER BY id",
            ("$state", Text(GardenJobState.Assigned)), ("$before", assignedBefore.ToUnixTimeMilliseconds()));

    public int AcceptJobs(string cluster, IReadOnlyCollection<long> ids, DateTimeOffset now)
    {
        lock (_gate)
        {
            using var transaction = _db.BeginTransaction();
            var accepted = 0;
            using var command = Command("UPDATE jobs SET state = $accepted, updated_ms = $now "
                    + "WHERE id = $id AND cluster = $cluster AND state = $assigned",
                ("$accepted", Text(GardenJobState.Accepted)), ("$now", now.ToUnixTimeMilliseconds()),
                ("$cluster", cluster), ("$assigned", Text(GardenJobState.Assigned)), ("$id", 0L));
            foreach (var id in ids.Distinct())
            {
                command.Parameters["$id"].Value = id;
                accepted += command.ExecuteNonQuery();
            }
            transaction.Commit();
            return accepted;
        }
    }

    public bool UpdateJob(JobRecord job, GardenJobState expected)
    {
        lock (_gate)
        {
            var parameters = JobParameters(job).Append(("$id", job.Id)).Append(("$expected", Text(expected))).ToArray();
            return NonQuery("UPDATE jobs SET cluster = $cluster, state = $state, attempts = $attempts, lapsed = $lapsed, "
                    + "detail = $detail, native_id = $native_id, cancel_requested = $cancel_requested, assigned_ms = $assigned_ms, updated_ms = $updated_ms "
                    + "WHERE id = $id AND state = $expected", parameters) == 1;
        }
    }

    public long CountJobs()
    {
        lock (_gate)
            return (long)Scalar("SELECT COUNT(*) FROM jobs")!;
    }

    public void Dispose()
    {
        lock (_gate)
            _db.Dispose();
    }

    private IReadOnlyList<JobRecord> QueryJobs(string where, params (string Name, object? Value)[] parameters)
    {
        lock (_gate)
            return Rows($"SELECT {JobColumns} FROM jobs {where}", ReadJob, parameters);
    }

    private static JobRecord ReadJob(SqliteDataReader r) => new()
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
        Attempts = r.GetInt32(9),
        Lapsed = JsonSerializer.Deserialize<string[]>(r.GetString(10))!,
        Detail = r.GetString(11),
        NativeId = r.GetString(12),
        CancelRequested = r.GetInt64(13) != 0,
        SubmittedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(14)),
        AssignedAt = r.IsDBNull(15) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(15)),
        UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(16)),
    };

    private static (string, object?)[] JobParameters(JobRecord job) =>
    [
        ("$request_id", job.RequestId), ("$name", job.Name), ("$jobspec", job.Jobspec), ("$cluster", job.Cluster),
        ("$candidates", JsonSerializer.Serialize(job.Candidates)), ("$select_algorithm", job.SelectAlgorithm),
        ("$select_options", JsonSerializer.Serialize(job.SelectOptions)), ("$state", Text(job.State)),
        ("$attempts", job.Attempts), ("$lapsed", JsonSerializer.Serialize(job.Lapsed)), ("$detail", job.Detail),
        ("$native_id", job.NativeId), ("$cancel_requested", job.CancelRequested ? 1 : 0),
        ("$submitted_ms", job.SubmittedAt.ToUnixTimeMilliseconds()),
        ("$assigned_ms", job.AssignedAt?.ToUnixTimeMilliseconds()), ("$updated_ms", job.UpdatedAt.ToUnixTimeMilliseconds()),
    ];

    private static string Text(GardenJobState state) => state.ToString().ToLowerInvariant();

    private static Dictionary<string, string> Entry(Dictionary<string, Dictionary<string, string>> map, string key) =>
        map.TryGetValue(key, out var value) ? value : map[key] = [];

    private void Execute(string sql) => NonQuery(sql);

    private int NonQuery(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteNonQuery();
    }

    private object? Scalar(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteScalar();
    }

    private List<T> Rows<T>(string sql, Func<SqliteDataReader, T> read, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
            rows.Add(read(reader));
        return rows;
    }

    private SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = _db.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }
}
