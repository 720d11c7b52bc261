using System.Text.Json;
using Petal.Catalog;
using Petal.Garden.Descriptions;
using Petal.Garden.Service.Api;
using Petal.Garden.Service.Rainbow;
using Petal.Providers.Aws;
using Petal.Tests.Aws;
using Petal.Tests.Support;
using Petal.Tests.Verify;

namespace Petal.Tests.Garden.Service;

/// <summary>
/// `petal garden describe NAME` and `petal garden agent --cluster NAME` on an AWS cluster petal created (moto, the
/// pcluster stand-in), reaching its "head node" through the same handle as ssh and test: a real sshd in front of a
/// twin, with the key petal finds for the recorded key pair.
/// </summary>
[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class GardenAwsClusterTests(MotoServer moto) : AwsCliTest(moto)
{
    private string Name { get; } = TestNames.Unique("gaws");

    [MotoFact]
    public async Task Describe_and_agent_work_on_an_aws_cluster_through_its_head_node()
    {
        await using var twin = await VerifyTwin.CreateAsync("local-one-queue", "gaws");
        using var sshd = await TestSshd.StartAsync(twin.Twin);
        var (_, created) = await CreateBehindSshdAsync(Name, sshd);
        // Right after create, status is pcluster's view of the cluster it just made.
        Assert.DoesNotContain("pcluster does not know", created.Stdout);
        using (var json = JsonDocument.Parse(created.Stdout))
            Assert.Equal("127.0.0.1", json.RootElement.GetProperty("head_node_address").GetString());

        // petal list (no network call) shows the seed of an AWS cluster.
        var list = await Petal("list", "--output", "json");
        Assert.True(list.ExitCode == 0, list.Stderr);
        using (var json = JsonDocument.Parse(list.Stdout))
            Assert.Contains(json.RootElement.GetProperty("clusters").EnumerateArray(), c => c.GetProperty("name").GetString() == Name
                && c.GetProperty("seed_file").GetString() == Path.GetFullPath(OneQueueSeed));

        var described = await Petal("garden", "describe", Name, "--output", "json");
        Assert.True(described.ExitCode == 0, described.Stderr + described.Stdout);
        using (var json = JsonDocument.Parse(described.Stdout))
        {
            Assert.Equal(Name, json.RootElement.GetProperty("name").GetString());
            Assert.Equal("aws", json.RootElement.GetProperty("labels").GetProperty("provider").GetString());
        }

        await using var garden = await GardenServiceHarness.StartAsync();
        var graphs = JgfWriter.Write(ClusterDescriber.FromSeed(twin.Seed with { Cluster = twin.Seed.Cluster with { Name = Name } }, EmbeddedCatalog.Default));
        var registered = await garden.Client.Rainbow.RegisterAsync(new RegisterRequest { Name = Name, Secret = GardenServiceHarness.RegistrationSecret, Nodes = graphs.Nodes });
        Assert.Equal(RegisterResponse.Types.ResultType.RegisterSuccess, registered.Status);
        var job = await garden.SubmitAsync("name: over-ssh\nnodes: 1\ntasks: 1\ncommand: [bash, -c, 'echo over-ssh on $SLURM_CLUSTER_NAME']\n", [(Name, registered.Token)]);
        Assert.Equal(Name, job.Cluster);
        var secretFile = Home.Write("cluster.secret", registered.Secret);
        var workdir = $"/shared/petal-test-{Name}";
        try
        {
            Job state = null!;
            for (var pass = 0; pass < 60; pass++)
            {
                // No --slurm-conf: the agent finds the cluster by name and reaches its Slurm over SSH.
                var r = await Petal("garden", "agent", "--cluster", Name, "--once", "--host", garden.Server.Address, "--secret-file", secretFile,
                    "--config", Home.File("none.json"), "--workdir", workdir, "--port", sshd.Port.ToString(), "--user", "root",
                    "--host-key-sha256", sshd.HostKeySha256);
                Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
                state = await garden.Client.Jobs.GetJobAsync(new JobRequest { Jobid = job.Jobid, Cluster = Name, Token = registered.Token });
                if (state.State is JobState.Completed or JobState.Failed) break;
                await Task.Delay(1000);
            }
            Assert.True(state.State == JobState.Completed, $"{state.State}: {state.Detail}");
            Assert.NotEmpty(state.NativeId);
            // The twin behind sshd ran it: its /shared is the head node's shared directory on the host.
            Assert.StartsWith("over-ssh on ", File.ReadAllText(Path.Combine(twin.Twin.HeadSharedOnHost, $"petal-test-{Name}", $"garden-{job.Jobid}.out")));
        }
        finally
        {
            var dir = Path.Combine(twin.Twin.HeadSharedOnHost, $"petal-test-{Name}");
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }
}
