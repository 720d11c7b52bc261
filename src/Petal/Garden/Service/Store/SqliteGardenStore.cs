using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

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
        // Outside any transaction: SQLite ignores foreign_keys inside one.
        Run(db => new Session(db, null).Execute("PRAGMA busy_timeout=5000; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"));
        InTransaction(null, s =>
        {
            s.Execute(CommonSchema("INTEGER PRIMARY KEY AUTOINCREMENT"));
            AddVersionColumns(s);
            s.Execute(Indexes);
        });
    }

    protected override IsolationLevel SnapshotIsolation => IsolationLevel.Serializable;

    protected override T Run<T>(Func<DbConnection, T> work)
    {
        lock (_gate)
            return work(_db);
    }

    /// <summary>A database written before versions and revisions existed gains their columns (0 = older than any change).</summary>
    private static void AddVersionColumns(Session s)
    {
        foreach (var (table, column) in new[] { ("clusters", "version"), ("states", "version"), ("jobs", "revision") })
            if (!s.Rows($"PRAGMA table_info({table})", r => r.GetString(1)).Contains(column))
                s.Execute($"ALTER TABLE {table} ADD COLUMN {column} INTEGER NOT NULL DEFAULT 0");
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
