using Npgsql;
using Petal.Common;

namespace Petal.Garden.Service.Store;

/// <summary>
/// Where the garden service keeps its state, as <c>--db</c> names it: a SQLite file path (the embedded default) or
/// a <c>postgres://</c> / <c>postgresql://</c> URL. The one place that turns that value into a store.
/// <see cref="Display"/> is the value with the password replaced by <c>***</c>: the only form that may be printed.
/// </summary>
public sealed class GardenDatabase
{
    private const int MaxLength = 2048;

    /// <summary>
    /// PostgreSQL connections one replica holds at most (<c>garden serve --db-connections</c>). Requests beyond wait
    /// for a free one without holding a thread; an unbounded pool opened a connection (a forked backend and a SCRAM
    /// handshake) per request in flight and collapsed a 2-core host at 500 submissions/s (docs/garden-service.md).
    /// </summary>
    public const int DefaultConnections = 8, MaxConnections = 100;
    private static readonly string[] Schemes = ["postgres", "postgresql"];

    private readonly string? _sqlitePath;
    private readonly string? _postgres;
    private readonly string? _password;

    private GardenDatabase(string display, string? sqlitePath, string? postgres, string? password) =>
        (Display, _sqlitePath, _postgres, _password) = (display, sqlitePath, postgres, password);

    /// <summary>The value with any password replaced by <c>***</c>.</summary>
    public string Display { get; }

    public bool IsPostgres => _postgres is not null;

    public override string ToString() => Display;

    /// <summary>
    /// Reads a <c>--db</c> value. Throws <see cref="UserInputException"/> (the password never in its message) when a
    /// URL is malformed.
    /// </summary>
    public static GardenDatabase Parse(string value, int connections = DefaultConnections)
    {
        if (connections is < 1 or > MaxConnections)
            throw new UserInputException($"--db-connections {connections}: give 1 to {MaxConnections} (connections to PostgreSQL this replica may hold)");
        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxLength || value.Any(char.IsControl))
            throw new UserInputException($"--db: give a SQLite file path or postgres://USER:PASSWORD@HOST:PORT/DBNAME (at most {MaxLength} characters, no control characters)");
        var scheme = value.IndexOf("://", StringComparison.Ordinal) is > 0 and var end ? value[..end] : null;
        if (scheme is null) return new GardenDatabase(value, value, null, null);
        if (!Schemes.Contains(scheme, StringComparer.OrdinalIgnoreCase))
            throw new UserInputException($"--db: '{scheme}://' is not a database petal speaks; give a SQLite file path or postgres://USER:PASSWORD@HOST:PORT/DBNAME");
        return Postgres(value, scheme, connections);
    }

    private static GardenDatabase Postgres(string value, string scheme, int connections)
    {
        var at = value.LastIndexOf('@');
        var userInfo = at > 0 ? value[(scheme.Length + 3)..at] : "";
        var colon = userInfo.IndexOf(':');
        var user = Uri.UnescapeDataString(colon >= 0 ? userInfo[..colon] : userInfo);
        var password = colon >= 0 ? Uri.UnescapeDataString(userInfo[(colon + 1)..]) : null;
        var display = colon >= 0 ? $"{scheme}://{userInfo[..colon]}:***@{value[(at + 1)..]}" : value;
        // The rest is parsed without the credentials, so no error below can echo the password.
        if (!Uri.TryCreate($"{scheme}://{value[((at > 0 ? at : scheme.Length + 2) + 1)..]}", UriKind.Absolute, out var uri)
            || uri.Host.Length == 0)
            throw new UserInputException($"--db {display}: not a URL of the form {scheme}://USER:PASSWORD@HOST:PORT/DBNAME");
        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        var problems = new List<string>();
        if (user.Length == 0) problems.Add("name the user (USER@ or USER:PASSWORD@ before the host)");
        if (database.Length == 0 || database.Contains('/')) problems.Add("name one database after the host (/DBNAME)");
        if (uri.Query.Length > 0 || uri.Fragment.Length > 0) problems.Add("options after '?' or '#' are not read; remove them");
        foreach (var (what, text) in new[] { ("user", user), ("password", password ?? ""), ("database name", database) })
            if (text.Any(char.IsControl)) problems.Add($"the {what} decodes to a control character (%00-%1F); remove it");
        if (problems.Count > 0)
            throw new UserInputException($"--db {display}: " + string.Join("; ", problems));
        var connection = new NpgsqlConnectionStringBuilder
        {
            Host = uri.IdnHost,
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Username = user,
            Database = database,
            ApplicationName = "petal-garden",
            // Without a password in the URL Npgsql reads PGPASSWORD or ~/.pgpass, which keeps it off the command line.
            Password = password,
            MaxPoolSize = connections,
        };
        return new GardenDatabase(display, null, connection.ConnectionString, password);
    }

    /// <summary>Opens (and creates, idempotently) the store.</summary>
    public IGardenStore Open() => _postgres is { } connection
        ? PostgresGardenStore.Open(connection, Redact)
        : new SqliteGardenStore(_sqlitePath!);

    /// <summary>A foreign error's text with the password (if any) replaced, prefixed with where it happened.</summary>
    internal string Redact(string message) =>
        $"garden database {Display}: " + (_password is { Length: > 0 } p ? message.Replace(p, "***", StringComparison.Ordinal) : message);
}
