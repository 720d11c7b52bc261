using Petal.Tests.Support;
using Petal.Verify;
using Petal.Verify.Reports;
using Petal.Verify.Transport;
using Xunit.Abstractions;

namespace Petal.Tests.Verify;

/// <summary>The SSH transport for real: SSH.NET → Debian's sshd on 127.0.0.1 → the twin's head view → its Slurm.</summary>
[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class SshTransportTests(ITestOutputHelper log)
{
    [Fact]
    public async Task Phase_1_through_a_real_sshd_passes_with_outcome_A()
    {
        await using var twin = await VerifyTwin.CreateAsync("local-one-queue", "ssh");
        using var sshd = await TestSshd.StartAsync(twin.Twin);
        var endpoint = new SshEndpoint("127.0.0.1", sshd.Port, "root", [sshd.ClientKey]) { HostKeySha256 = sshd.HostKeySha256 };
        await using var shell = await SshClusterShell.ConnectAsync(endpoint, CancellationToken.None);

        // Commands land in the twin's head view: its Slurm config, not the host's.
        var env = await shell.RunAsync("echo $SLURM_CONF; echo $PETAL_CLUSTER", TimeSpan.FromSeconds(20), CancellationToken.None);
        Assert.Equal($"{twin.Twin.SlurmConf}\n{twin.Name}\n", env.Stdout);
        Assert.Equal(sshd.HostKeySha256.TrimEnd('='), shell.HostKeySeen);

        var run = await WorkloadTester.RunAsync(shell, twin.Target, new TestOptions { Phases = [1], JobTimeout = TimeSpan.FromSeconds(60) },
            null, CancellationToken.None);
        log.WriteLine(MarkdownReport.Render(run));
        Assert.Equal(Outcome.A, run.Outcome);
        Assert.Equal(Verdict.Pass, run.Checks.Single(c => c.Id == "p1.compute.compute.module-avail").Verdict);
        Assert.Equal(Verdict.Pass, run.Checks.Single(c => c.Id == "p1.slurm.sbatch").Verdict);

        // No key file at all: the keys a real ssh-agent holds, RSA (signed with rsa-sha2) and then ed25519.
        using var agent = new TestSshAgent();
        var rsa = sshd.AddClientKey("rsa");
        var ed25519 = sshd.AddClientKey("ed25519");
        var viaAgent = new SshEndpoint("127.0.0.1", sshd.Port, "root", []) { AgentSocket = agent.Socket, HostKeySha256 = sshd.HostKeySha256 };
        foreach (var key in new[] { rsa, ed25519 })
        {
            agent.Add(key);
            await using (var agentShell = await SshClusterShell.ConnectAsync(viaAgent, CancellationToken.None))
                Assert.Equal($"{twin.Name}\n", (await agentShell.RunAsync("echo $PETAL_CLUSTER", TimeSpan.FromSeconds(20), CancellationToken.None)).Stdout);
            agent.Remove(key);
        }
        // An agent without keys and no key file: a clear error naming what to do.
        var none = await Assert.ThrowsAsync<Petal.Common.UserInputException>(() => SshClusterShell.ConnectAsync(viaAgent, CancellationToken.None));
        Assert.Contains("ssh-agent holds none (ssh-add)", none.Message);
    }

    [Fact]
    public async Task A_host_key_other_than_the_pinned_one_is_refused_clearly()
    {
        await using var twin = await VerifyTwin.CreateAsync("local-one-queue", "hk");
        using var sshd = await TestSshd.StartAsync(twin.Twin);
        var endpoint = new SshEndpoint("127.0.0.1", sshd.Port, "root", [sshd.ClientKey]) { HostKeySha256 = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" };

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => SshClusterShell.ConnectAsync(endpoint, CancellationToken.None));
        Assert.Contains($"cannot SSH to root@127.0.0.1:{sshd.Port}: its host key is SHA256:{sshd.HostKeySha256.TrimEnd('=')}, not the SHA256:AAAA", e.Message);
    }
}
