using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Petal.Common;

namespace Petal.Garden.Service.Store;

/// <summary>
/// SQLite (WAL) store, the embedded default. One connection guarded by a lock: SQLite serialises writers anyway,
/// and a single connection avoids busy-waits between pooled connections under load. SQL: <see cref="SqlGardenStore"/>.
/// </summary>
public sealed class SqliteGardenStore : SqlGardenStore
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
        // Outside any transaction: SQLite ignores foreign_keys inside one. Off while the schema is brought up to
        // date (rebuilding a table must not cascade to the rows naming it), checked, then on for good.
        Run(db => new Session(db, null).Execute("PRAGMA busy_timeout=5000; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=OFF;"));
        InTransaction(null, s =>
        {
            s.Execute(CommonSchema("INTEGER PRIMARY KEY AUTOINCREMENT"));
            AddVersionColumns(s);
            MoveGraphsToTheirTable(s);
            s.Execute(Indexes);
            if (s.Rows("PRAGMA foreign_key_check", r => r.GetString(0)) is [var table, ..])
                throw PetalException.Failed($"garden database {path}: table {table} names rows that do not exist", []);
        });
        Run(db => new Session(db, null).Execute("PRAGMA foreign_keys=ON;"));
    }

    protected override IsolationLevel SnapshotIsolation => IsolationLevel.Serializable;

    protected override T Run<T>(Func<DbConnection, T> work)
    {
        lock (_gate)
            return work(_db);
    }

    /// <summary>
    /// Under the one connection's lock: Microsoft.Data.Sqlite's asynchronous methods complete synchronously (SQLite is
    /// an in-process library), so the work has finished when it returns and no thread waits on another.
    /// </summary>
    protected override Task<T> RunAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken cancellation)
    {
        lock (_gate)
            return Task.FromResult(work(_db).GetAwaiter().GetResult());
    }

    /// <summary>
    /// A database written before versions and revisions existed gains their columns. Its clusters and states get
    /// version 1 (and the counter at least 1), so a process loading every change after 0 sees them.
    /// </summary>
    private static void AddVersionColumns(Session s)
    {
        foreach (var (table, column, start) in new[] { ("clusters", "version", 1), ("states", "version", 1), ("jobs", "revision", 0) })
            if (!s.Rows($"PRAGMA table_info({table})", r => r.GetString(1)).Contains(column))
            {
                s.Execute($"ALTER TABLE {table} ADD COLUMN {column} INTEGER NOT NULL DEFAULT 0");
                s.Execute($"UPDATE {table} SET {column} = {start}; UPDATE garden_meta SET version = MAX(version, {start}) WHERE id = 1");
            }
    }

    /// <summary>
    /// A database written before graphs had their own table holds each cluster's graph text in <c>clusters.nodes</c>
    /// and each subsystem's in <c>subsystems.graph</c>: both tables are rebuilt with every text moved to
    /// <c>graphs</c>, once, and the rows naming it by hash (versions, registration times and states kept).
    /// </summary>
    private static void MoveGraphsToTheirTable(Session s)
    {
        if (!s.Rows("PRAGMA table_info(clusters)", r => r.GetString(1)).Contains("nodes")) return;
        var clusters = s.Rows("SELECT name, nodes, token_hash, secret_hash, registered_ms, version FROM clusters",
            r => (Name: r.GetString(0), Nodes: r.GetString(1), Token: r.GetString(2), Secret: r.GetString(3), At: r.GetInt64(4), Version: r.GetInt64(5)));
        var subsystems = s.Rows("SELECT cluster, name, graph FROM subsystems", r => (Cluster: r.GetString(0), Name: r.GetString(1), Graph: r.GetString(2)));
        s.Execute("DROP TABLE subsystems; DROP TABLE clusters;");
        s.Execute(CommonSchema("INTEGER PRIMARY KEY AUTOINCREMENT"));
        foreach (var c in clusters)
            s.Execute("INSERT INTO clusters(name, graph, token_hash, secret_hash, registered_ms, version) "
                    + "VALUES(@name, @graph, @token, @secret, @at, @version)",
                ("@name", c.Name), ("@graph", PutGraph(s, c.Nodes)), ("@token", c.Token), ("@secret", c.Secret),
                ("@at", c.At), ("@version", c.Version));
        foreach (var sub in subsystems)
            s.Execute("INSERT INTO subsystems(cluster, name, graph) VALUES(@cluster, @name, @graph)",
                ("@cluster", sub.Cluster), ("@name", sub.Name), ("@graph", PutGraph(s, sub.Graph)));
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

    public override void Dispose()
    {
        lock (_gate)
            _db.Dispose();
    }
}
