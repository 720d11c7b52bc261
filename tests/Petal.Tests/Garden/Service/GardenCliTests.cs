using System.Text.Json;
using Petal.Tests.Support;

namespace Petal.Tests.Garden.Service;

/// <summary>`petal garden register|submit|status|cancel` as users run them, against a real service on 127.0.0.1.</summary>
[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class GardenCliTests
{
    private sealed class Cli(GardenServiceHarness garden, TempDirectory home)
    {
        public string Config => home.File("client.json");

        public Task<PetalProcess.Result> RunAsync(params string[] args) => PetalProcess.RunAsync(
            [.. args, "--host", garden.Server.Address, "--config", Config],
            new Dictionary<string, string> { ["PETAL_GARDEN_SECRET"] = GardenServiceHarness.RegistrationSecret, ["PETAL_STATE_DIR"] = home.File("state") });

        public async Task<JsonElement> JsonAsync(params string[] args)
        {
            var r = await RunAsync([.. args, "--output", "json"]);
            Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
            return JsonDocument.Parse(r.Stdout).RootElement.Clone();
        }
    }

    [Fact]
    public async Task Register_a_seed_submit_the_simple_form_then_status_and_cancel()
    {
        await using var garden = await GardenServiceHarness.StartAsync();
        using var home = new TempDirectory();
        var cli = new Cli(garden, home);

        var seed = Path.Combine(RepoPaths.Seeds, "examples", "local-one-queue.yaml");
        var registered = await cli.JsonAsync("garden", "register", "--cluster", "one", "--seed", seed);
        Assert.Equal(["registered", "registered"], registered.GetProperty("registered").EnumerateArray().Select(r => r.GetProperty("status").GetString()));
        Assert.Equal("software", registered.GetProperty("registered")[1].GetProperty("subsystem").GetString());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(cli.Config));
        var config = File.ReadAllText(cli.Config);
        Assert.Contains("\"one\"", config);
        Assert.Contains("\"token\"", config);

        // The seed's Spack stack was registered: cmake is there, lammps is not.
        var submitted = await cli.JsonAsync("garden", "submit", "--nodes", "2", "--tasks", "4", "--command", "hostname -s");
        Assert.Equal("one", submitted.GetProperty("cluster").GetString());
        var id = submitted.GetProperty("jobid").GetInt32().ToString();
        var status = await cli.JsonAsync("garden", "status", id);
        Assert.Equal(("assigned", "one", "hostname"), (status.GetProperty("state").GetString(), status.GetProperty("cluster").GetString(), status.GetProperty("name").GetString()));
        Assert.Equal("cancelled", (await cli.JsonAsync("garden", "cancel", id)).GetProperty("state").GetString());
        Assert.Equal("cancelled", (await cli.JsonAsync("garden", "status", id)).GetProperty("state").GetString());

        var tooBig = await cli.RunAsync("garden", "submit", "--nodes", "4", "--command", "hostname");
        Assert.Equal(2, tooBig.ExitCode);
        Assert.Contains("no cluster can run this job", tooBig.Stderr);
        Assert.Contains("needs 4 nodes", tooBig.Stderr);
        var human = await cli.RunAsync("garden", "submit", "--nodes", "1", "--command", "cmake --version");
        Assert.Equal(0, human.ExitCode);
        Assert.Matches(@"^job \d+ assigned to one", human.Stdout);
    }

    [Fact]
    public async Task Bad_submissions_exit_2_with_every_problem_and_store_nothing()
    {
        await using var garden = await GardenServiceHarness.StartAsync();
        using var home = new TempDirectory();
        var cli = new Cli(garden, home);
        Assert.Equal(0, (await cli.RunAsync("garden", "register", "--cluster", "keebler", "--nodes",
            Path.Combine(RepoPaths.RainbowConformance, "scheduler", "cluster-nodes.json"))).ExitCode);
        var jobspec = home.Write("job.yaml", "nodes: 1\n");

        var both = await cli.RunAsync("garden", "submit", "--jobspec", jobspec, "--nodes", "1", "--command", "x");
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("not both", both.Stderr);
        var bad = await cli.RunAsync("garden", "submit", "--nodes", "0", "--tasks", "0", "--command", " ");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--nodes: give the number of nodes", bad.Stderr);
        Assert.Contains("--tasks: give the number of tasks", bad.Stderr);
        Assert.Contains("--command: give the command", bad.Stderr);
        Assert.DoesNotContain("   at ", bad.Stderr); // no stack trace
        var unknown = await cli.RunAsync("garden", "status", "999");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("no job 999", unknown.Stderr);
        var badSeed = await cli.RunAsync("garden", "register", "--cluster", "x", "--seed", home.Write("bad.yaml", "cluster: {name: x}\n"));
        Assert.Equal(2, badSeed.ExitCode);
        Assert.Contains("bad.yaml", badSeed.Stderr);
        Assert.Equal(0L, CountJobs(garden));
    }

    private static long CountJobs(GardenServiceHarness garden)
    {
        using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={garden.DatabasePath};Mode=ReadOnly;Pooling=False");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM jobs";
        return (long)command.ExecuteScalar()!;
    }

    [Fact]
    public async Task Submit_refuses_a_jobspec_that_is_a_fifo_or_hostile_with_exit_2_and_the_reason()
    {
        await using var garden = await GardenServiceHarness.StartAsync();
        using var home = new TempDirectory();
        var cli = new Cli(garden, home);
        await cli.JsonAsync("garden", "register", "--cluster", "one", "--seed", Path.Combine(RepoPaths.Seeds, "examples", "local-one-queue.yaml"));
        var fifo = home.File("job.yaml");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo])) mkfifo.WaitForExit();
        var r = await cli.RunAsync("garden", "submit", "--jobspec", fifo);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("job.yaml is a FIFO, not a regular file", r.Stderr);
        var bomb = home.Write("bomb.yaml", HostileInputTests.AliasBomb(24));
        r = await cli.RunAsync("garden", "submit", "--jobspec", bomb);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("<jobspec>:", r.Stderr);
        Assert.Contains("too large", r.Stderr);
    }
}
