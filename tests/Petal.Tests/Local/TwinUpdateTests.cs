using System.Text.Json;
using Petal.Providers.Local;
using Petal.Tests.Support;

namespace Petal.Tests.Local;

/// <summary>
/// `petal update` on a real twin (its own name, users and uids): a new queue, a raised max count and a new user are
/// applied live, with the same diff and policies ParallelCluster would print.
/// </summary>
[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class TwinUpdateTests : IDisposable
{
    private static readonly string Name = TestNames.Unique("d2upd");
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private IReadOnlyDictionary<string, string> Env => new Dictionary<string, string> { ["PETAL_STATE_DIR"] = _dir.File("st") };

    private Task<PetalProcess.Result> Petal(params string[] args) => PetalProcess.RunAsync(args, Env, TimeSpan.FromSeconds(180));

    private string Seed(string file, int max, string extraQueue, string extraUser) => _dir.Write(file, $$"""
        cluster: { name: day2-update, region: us-east-1 }
        compute:
          head_node: c6i.large
          queues:
            - { name: compute, instance_types: [c6i.large], min_count: 1, max_count: {{max}} }
        {{extraQueue}}
        software: { layout: ami, spack_packages: [cmake] }
        users:
          - { name: d2upa, uid: 2861, gid: 2861 }
        {{extraUser}}
        """);

    [Fact]
    public async Task Adding_a_queue_a_node_and_a_user_is_applied_live()
    {
        var before = Seed("seed.yaml", 2, "", "");
        var after = Seed("edited.yaml", 3, "    - { name: mem, instance_types: [r6i.large], max_count: 1 }", "  - { name: d2upb, uid: 2862, gid: 2862 }");
        try
        {
            var created = await Petal("create", before, "--name", Name);
            Assert.True(created.ExitCode == 0, created.Stderr);

            Assert.Contains("no cluster config changes", (await Petal("update", Name, before, "--dry-run")).Stdout);
            var head = _dir.Write("head.yaml", File.ReadAllText(before).Replace("head_node: c6i.large", "head_node: c6i.xlarge"));
            var refused = await Petal("update", Name, head, "--yes");
            Assert.Equal(2, refused.ExitCode);
            Assert.Contains("HeadNode.InstanceType: Update actions are not currently supported", refused.Stderr);

            var result = await Petal("update", Name, after, "--yes", "--output", "json");
            Assert.True(result.ExitCode == 0, result.Stderr + result.Stdout);
            var json = JsonDocument.Parse(result.Stdout).RootElement;
            Assert.Equal("live", json.GetProperty("requirement").GetString());
            Assert.Equal(["Scheduling.SlurmQueues[compute].ComputeResources[c6i-large].MaxCount", "Scheduling.SlurmQueues[mem]"],
                json.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("path").GetString()));
            Assert.Contains("adds user(s) d2upb", json.GetProperty("notes").EnumerateArray().Select(n => n.GetString()));

            var nodes = await Petal("ssh", Name, "--", "sinfo", "-h", "-N", "-o", "%N %P");
            Assert.True(nodes.ExitCode == 0, nodes.Stderr);
            Assert.Contains("compute-dy-c6i-large-2 compute", nodes.Stdout);
            Assert.Contains("mem-dy-r6i-large-1 mem", nodes.Stdout);
            // The new queue's node powers up and runs a job; the new user logs in.
            var job = await Petal("ssh", Name, "--", "srun", "-p", "mem", "-N1", "hostname");
            Assert.True(job.ExitCode == 0, job.Stderr + job.Stdout);
            var whoami = await Petal("ssh", Name, "--user", "d2upb", "--", "id", "-un");
            Assert.Equal("d2upb", whoami.Stdout.Trim());

            var t = new TwinLayout(_dir.File($"st/local/{Name}"));
            Assert.Contains("Name: \"mem\"", File.ReadAllText(t.ClusterConfig));
            Assert.Equal(File.ReadAllText(after), File.ReadAllText(t.SeedCopy));
            Assert.Contains("no cluster config changes", (await Petal("update", Name, after, "--dry-run")).Stdout);
        }
        finally
        {
            var deleted = await Petal("delete", Name, "--yes");
            Assert.True(deleted.ExitCode == 0, deleted.Stderr);
        }
    }
}
