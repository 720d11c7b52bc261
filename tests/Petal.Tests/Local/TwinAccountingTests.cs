using Petal.Providers.Local;
using Petal.Seeds;
using Petal.Tests.Support;

namespace Petal.Tests.Local;

/// <summary>
/// Slurm accounting on the twin (seed scheduler.accounting): slurm.conf and slurmdbd.conf as rendered, then a real twin
/// with its own MariaDB and slurmdbd where sacct shows a finished job, and delete leaves no daemon and no file.
/// </summary>
public sealed class TwinAccountingTests
{
    private static readonly TwinLayout Layout = new("/var/lib/petal/local/demo");

    private static readonly TwinAccounting Accounting = new("slurm_acct", "acct_db", 21010, 21011);

    [Fact]
    public void Slurm_conf_sends_jobs_to_the_twins_slurmdbd_only_with_accounting()
    {
        var topology = new TwinTopology(["compute"], [new TwinNode("compute-st-c5-large-1", "compute", "c5-large", "c5.large", true, 2, 2048, 21001)], null);
        var with = SlurmConfRenderer.Render("demo", Layout, topology, new SlurmConfSettings(21000, SlurmdbdPort: 21011));
        Assert.Contains("AccountingStorageType=accounting_storage/slurmdbd\nAccountingStorageHost=localhost\nAccountingStoragePort=21011\n", with);
        Assert.Contains($"AccountingStoragePass={Layout.MungeSocket}\n", with);
        var without = SlurmConfRenderer.Render("demo", Layout, topology, new SlurmConfSettings(21000));
        Assert.Contains("AccountingStorageType=accounting_storage/none\n", without);
        Assert.DoesNotContain("AccountingStoragePort", without);
    }

    [Fact]
    public void Slurmdbd_conf_uses_the_twins_munged_and_its_own_MariaDB_over_tcp()
    {
        var password = TwinAccounting.NewPassword();
        Assert.Matches("^[0-9a-f]{32}$", password);
        Assert.NotEqual(password, TwinAccounting.NewPassword());
        var conf = Accounting.RenderSlurmdbdConf(Layout, password);
        foreach (var line in new[] { $"AuthInfo=socket={Layout.MungeSocket}", "DbdPort=21011", "SlurmUser=root", "StorageHost=127.0.0.1",
                     "StoragePort=21010", "StorageUser=slurm_acct", $"StoragePass={password}", "StorageLoc=acct_db", $"PidFile={Layout.SlurmdbdPidFile}" })
            Assert.Contains(line + "\n", conf);
        var sql = Accounting.CreateSql(password);
        Assert.Equal("CREATE DATABASE `acct_db`;\nCREATE USER 'slurm_acct'@'127.0.0.1' IDENTIFIED BY '" + password + "';\n"
            + "GRANT ALL ON `acct_db`.* TO 'slurm_acct'@'127.0.0.1';\n", sql);
    }

    [Fact]
    public void The_twin_uses_the_seeds_user_and_database_or_its_own_name_for_the_database()
    {
        var seed = WithAccounting(TwinSeeds.Make(SoftwareLayout.Ami, [TwinSeeds.Queue("compute", "c5.large", 1, 1)]), "db.example.com:3306", null);
        Assert.Equal(new TwinAccounting("slurm_acct", "my_twin", 1, 2), TwinAccounting.Plan(seed, "my-twin", 1, 2));
        Assert.Null(TwinAccounting.Plan(seed with { Scheduler = new SchedulerSection() }, "my-twin", 1, 2));
        var hostile = seed with { Scheduler = new SchedulerSection { Accounting = seed.Scheduler.Accounting! with { User = "x'; DROP USER root; --" } } };
        Assert.Throws<Petal.Common.UserInputException>(() => TwinAccounting.Plan(hostile, "my-twin", 1, 2));
    }

    internal static Seed WithAccounting(Seed seed, string uri, string? database) => seed with
    {
        Scheduler = new SchedulerSection
        {
            Accounting = new AccountingSpec
            {
                Uri = uri, User = "slurm_acct", DatabaseName = database,
                PasswordSecretArn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:petal/slurmdb-AbCdEf",
            },
        },
    };
}

/// <summary>A real twin with Slurm accounting: MariaDB and slurmdbd of its own, a job sacct shows, nothing left after delete.</summary>
[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class TwinAccountingTwinTests(Xunit.Abstractions.ITestOutputHelper log)
{
    [Fact]
    public async Task Sacct_shows_a_finished_job_and_delete_stops_mariadb_and_slurmdbd_and_removes_their_files()
    {
        var seed = TwinAccountingTests.WithAccounting(TwinSeeds.Make(SoftwareLayout.Ami, [TwinSeeds.Queue("compute", "c5.large", 1, 1)], packages: []),
            "slurmdb.example.com:3306", "acct_db");
        var name = TestNames.Unique("acct");
        string root;
        int[] daemons;
        var sw = System.Diagnostics.Stopwatch.StartNew();
        await using (var h = await TwinHandle.CreateAsync("acct", seed))
        {
            root = h.Twin.Root;
            log.WriteLine($"created {sw.Elapsed}");
            var state = TwinStateStore.Load(name)!;
            daemons = [state.MariaDbPid!.Value, state.SlurmdbdPid!.Value];
            Assert.All(daemons, pid => Assert.True(ProcessTable.BelongsTo(pid, root), $"pid {pid}: {ProcessTable.CommandLine(pid)}"));
            // The twin's own MariaDB: its data directory and socket under the twin, not the system's.
            Assert.Contains($"--datadir={Path.Combine(root, "mariadb", "data")}", ProcessTable.CommandLine(state.MariaDbPid.Value));
            Assert.Contains(h.Created.Notes, n => n.StartsWith("accounting: slurmdbd running", StringComparison.Ordinal) && n.Contains("MariaDB running"));

            var conf = Path.Combine(root, "etc", "slurmdbd.conf");
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(conf));
            var password = File.ReadLines(conf).Single(l => l.StartsWith("StoragePass=", StringComparison.Ordinal))["StoragePass=".Length..];
            Assert.Equal(32, password.Length);
            // The password is in slurmdbd.conf only: not in the state, the logs or any other file of the twin.
            foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                         .Where(f => f != conf && !f.EndsWith(".sock", StringComparison.Ordinal) // munged's and MariaDB's sockets
                             && !f.StartsWith(Path.Combine(root, "mariadb"), StringComparison.Ordinal) && new FileInfo(f).Length < 10_000_000))
                Assert.False((await File.ReadAllTextAsync(file)).Contains(password, StringComparison.Ordinal), $"{file} holds the password");

            var (job, rows) = await AccountedJobAsync(h);
            log.WriteLine($"sacct {sw.Elapsed}: {rows}");
            Assert.Contains($"{job}|COMPLETED|0:0|{name}", rows);
        }
        log.WriteLine($"deleted {sw.Elapsed}");
        Assert.All(daemons, pid => Assert.False(ProcessTable.IsAlive(pid), $"pid {pid} still runs"));
        Assert.Empty(ProcessTable.ProcessesOf(root));
        Assert.False(Directory.Exists(root));
    }

    /// <summary>Runs a job on the twin and waits (up to 2 min) until sacct shows it completed; its id and sacct's rows.</summary>
    private static async Task<(string Job, string Rows)> AccountedJobAsync(TwinHandle h)
    {
        var submit = await h.Twin.RunOnHeadAsync("sbatch --parsable -p compute --wrap 'echo accounted'");
        Assert.True(submit.ExitCode == 0, submit.Stderr);
        var job = submit.Stdout.Trim().Split(';')[0];
        var rows = "";
        for (var i = 0; i < 240 && !rows.Contains($"{job}|COMPLETED|0:0", StringComparison.Ordinal); i++)
        {
            await Task.Delay(500);
            rows = (await h.Twin.RunOnHeadAsync($"sacct -n -P -X -j {job} -o JobID,State,ExitCode,Cluster")).Stdout;
        }
        return (job, rows);
    }

    [Fact]
    public async Task Update_adds_accounting_to_a_running_twin_and_removes_it_again()
    {
        var plain = TwinSeeds.Make(SoftwareLayout.Ami, [TwinSeeds.Queue("compute", "c5.large", 1, 1)], packages: []);
        var accounted = TwinAccountingTests.WithAccounting(plain, "slurmdb.example.com:3306", "acct_db");
        await using var h = await TwinHandle.CreateAsync("acctupd", plain);
        var t = TwinLayout.For(h.Name);
        Assert.Null(TwinStateStore.Load(h.Name)!.Accounting);

        var add = TwinUpdate.Create(h.Name, accounted, new SmallCatalog());
        Assert.Contains(add.Plan.Notes, n => n.StartsWith("Slurm accounting added", StringComparison.Ordinal));
        await add.ApplyAsync(null, CancellationToken.None);
        var state = TwinStateStore.Load(h.Name)!;
        Assert.Equal(("slurm_acct", "acct_db"), (state.Accounting!.User, state.Accounting.DatabaseName));
        int[] daemons = [state.MariaDbPid!.Value, state.SlurmdbdPid!.Value];
        Assert.All(daemons, pid => Assert.True(ProcessTable.BelongsTo(pid, t.Root), $"pid {pid}"));
        Assert.Contains($"AccountingStoragePort={state.Accounting.SlurmdbdPort}\n", await File.ReadAllTextAsync(t.SlurmConf));
        // The restarted controller reports to the new slurmdbd: a job run after the update is in sacct.
        var (job, rows) = await AccountedJobAsync(h);
        Assert.Contains($"{job}|COMPLETED|0:0|{h.Name}", rows);

        var remove = TwinUpdate.Create(h.Name, plain, new SmallCatalog());
        Assert.Contains(remove.Plan.Notes, n => n.StartsWith("Slurm accounting removed", StringComparison.Ordinal));
        await remove.ApplyAsync(null, CancellationToken.None);
        state = TwinStateStore.Load(h.Name)!;
        Assert.Null(state.Accounting);
        Assert.Null(state.MariaDbPid);
        Assert.All(daemons, pid => Assert.False(ProcessTable.IsAlive(pid), $"pid {pid} still runs"));
        Assert.False(File.Exists(t.SlurmdbdConf));
        Assert.False(Directory.Exists(t.MariaDbDir));
        Assert.Contains("AccountingStorageType=accounting_storage/none\n", await File.ReadAllTextAsync(t.SlurmConf));
        var after = await h.Twin.RunOnHeadAsync("srun -p compute hostname");
        Assert.True(after.ExitCode == 0, after.Stderr);
    }
}
