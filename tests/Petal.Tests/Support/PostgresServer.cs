using System.Diagnostics;
using System.Security.Cryptography;
using Npgsql;

namespace Petal.Tests.Support;

/// <summary>
/// A throwaway PostgreSQL cluster (Debian's binaries) under a temp dir: initdb, then postgres on a free port of
/// 127.0.0.1 (password login, SCRAM) with its unix socket in the temp dir. Running as root, the server runs as the
/// package's <c>postgres</c> account (PostgreSQL refuses root). Stopped by its postmaster's pid on dispose (SIGINT,
/// fast shutdown; <c>pg_ctl stop -m immediate</c> if it does not go), and the directory removed.
/// Tests that need it are <see cref="PostgresFactAttribute"/>s, or check <see cref="Missing"/>.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    public const string User = "petal";
    private readonly string? _dir;
    private int _databases;

    /// <summary>Why a PostgreSQL server cannot run here (and how to install it), or null.</summary>
    public static string? Missing { get; } = Bin() is null
        ? "PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin/initdb): install Debian's postgresql package (scripts/install-deps.sh)"
        : Environment.UserName == "root" && !AccountExists("postgres")
            ? "running as root and no 'postgres' account to run PostgreSQL as: install Debian's postgresql package (it creates the account)"
            : null;

    public int Port { get; }
    public string Password { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    public PostgresServer()
    {
        if (Missing is not null) return;
        _dir = Directory.CreateTempSubdirectory("petal-pg-").FullName;
        Port = FreePort.Next();
        File.WriteAllText(Path.Combine(_dir, "pwfile"), Password + "\n");
        if (AsRoot) Run("chown", ["-R", "postgres:postgres", _dir]);
        Run(Tool("initdb"), ["-D", Data, "-U", User, "--pwfile", Path.Combine(_dir, "pwfile"), "-E", "UTF8", "--no-sync",
            "--auth-local=scram-sha-256", "--auth-host=scram-sha-256"], asServer: true);
        // fsync off: the tests kill garden replicas, never this server; durability of PostgreSQL itself is not under test.
        Run(Tool("pg_ctl"), ["-D", Data, "-l", Path.Combine(_dir, "server.log"), "-w", "-t", "60", "start", "-o",
            $"-p {Port} -k {_dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300"], asServer: true);
    }

    private string Data => Path.Combine(_dir!, "data");

    /// <summary>A new, empty database, as a <c>postgres://</c> URL with the password in it.</summary>
    public string NewDatabaseUrl()
    {
        var name = $"garden_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
        using (var admin = new NpgsqlConnection(ConnectionString("postgres")))
        {
            admin.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            create.ExecuteNonQuery();
        }
        return $"postgres://{User}:{Password}@127.0.0.1:{Port}/{name}";
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = User, Password = Password, Database = database, Pooling = false }.ConnectionString;

    public void Dispose()
    {
        if (_dir is null) return;
        NpgsqlConnection.ClearAllPools();
        try
        {
            if (File.Exists(Path.Combine(Data, "postmaster.pid"))
                && int.TryParse(File.ReadLines(Path.Combine(Data, "postmaster.pid")).First(), out var pid))
            {
                Run("kill", ["-INT", pid.ToString()]);
                for (var i = 0; i < 200 && Directory.Exists($"/proc/{pid}"); i++) Thread.Sleep(50);
                if (Directory.Exists($"/proc/{pid}"))
                    Run(Tool("pg_ctl"), ["-D", Data, "stop", "-m", "immediate"], asServer: true);
            }
        }
        finally
        {
            try { Directory.Delete(_dir, recursive: true); }
            catch (IOException) { }
        }
    }

    private static bool AsRoot => Environment.UserName == "root";

    private static string? Bin() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Where(d => File.Exists(Path.Combine(d, "bin", "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")).FirstOrDefault()
            : null;

    private static string Tool(string name) => Path.Combine(Bin()!, name);

    private static bool AccountExists(string name) =>
        File.ReadLines("/etc/passwd").Any(l => l.StartsWith(name + ":", StringComparison.Ordinal));

    private static void Run(string file, IEnumerable<string> args, bool asServer = false)
    {
        var start = new ProcessStartInfo(asServer && AsRoot ? "runuser" : file)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        if (asServer && AsRoot)
            foreach (var a in new[] { "-u", "postgres", "--", file }) start.ArgumentList.Add(a);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(120_000)) process.Kill(entireProcessTree: true);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(file)} failed ({process.ExitCode}): {stderr}{stdout.Result}");
    }
}

/// <summary>A fact that needs PostgreSQL: skipped with <see cref="PostgresServer.Missing"/> where it cannot run.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresServer.Missing is { } reason) Skip = reason;
    }
}
