using System.Security.Cryptography;
using Renci.SshNet;
using Renci.SshNet.Common;
using Petal.Common;

namespace Petal.Verify.Transport;

/// <summary>
/// The head node over SSH (SSH.NET): every command runs in a login shell (`bash -lc`) so Slurm clients and
/// modules are set up as for a user who logged in; jobs go through sbatch there (<see cref="SlurmBatch"/>).
/// </summary>
public sealed class SshClusterShell : IClusterShell
{
    private readonly SshClient _client;
    private readonly SlurmBatch _batch;
    private readonly SshEndpoint _endpoint;

    private SshClusterShell(SshClient client, SshEndpoint endpoint)
    {
        _client = client;
        _endpoint = endpoint;
        _batch = new SlurmBatch(this);
    }

    public string Description => $"ssh {_endpoint.User}@{_endpoint.Host}:{_endpoint.Port}";

    /// <summary>SHA-256 of the host key seen (base64, no padding), for the user to pin it next time.</summary>
    public string? HostKeySeen { get; private set; }

    /// <summary>
    /// Connects with the endpoint's keys. A key SSH.NET cannot read and a refused login are the user's to fix
    /// (<see cref="UserInputException"/>); an unreachable host or a host key other than the pinned one are
    /// run-time failures. Every message names the endpoint and what to do.
    /// </summary>
    public static async Task<SshClusterShell> ConnectAsync(SshEndpoint endpoint, CancellationToken cancellation)
    {
        // Agent keys first, as ssh offers them.
        IPrivateKeySource[] keys = [.. endpoint.AgentSocket is { } agent ? SshAgent.Keys(agent) : [], .. endpoint.KeyFiles.Select(ReadKey)];
        if (keys.Length == 0)
            throw new UserInputException($"no SSH key for {endpoint.User}@{endpoint.Host}: ssh-agent holds none (ssh-add) and no key file was found; pass --key-file");
        var info = new ConnectionInfo(endpoint.Host, endpoint.Port, endpoint.User, new PrivateKeyAuthenticationMethod(endpoint.User, keys))
        {
            Timeout = TimeSpan.FromSeconds(20),
        };
        var client = new SshClient(info);
        var shell = new SshClusterShell(client, endpoint);
        client.HostKeyReceived += (_, e) =>
        {
            shell.HostKeySeen = Convert.ToBase64String(SHA256.HashData(e.HostKey)).TrimEnd('=');
            e.CanTrust = endpoint.HostKeySha256 is null || endpoint.HostKeySha256.TrimEnd('=') == shell.HostKeySeen;
        };
        var where = $"cannot SSH to {endpoint.User}@{endpoint.Host}:{endpoint.Port}";
        try
        {
            await client.ConnectAsync(cancellation);
        }
        catch (Exception e) when (e is SshException or System.Net.Sockets.SocketException)
        {
            client.Dispose();
            throw e switch
            {
                SshAuthenticationException => new UserInputException(
                    $"{where}: the server refused the key(s) {endpoint.KeysDescription} ({e.Message.TrimEnd('.')}): "
                    + "pass --key-file with the cluster's key pair (or ssh-add it) and --user if the login user differs"),
                _ when endpoint.HostKeySha256 is not null && shell.HostKeySeen is not null && endpoint.HostKeySha256.TrimEnd('=') != shell.HostKeySeen =>
                    new InvalidOperationException($"{where}: its host key is SHA256:{shell.HostKeySeen}, not the SHA256:{endpoint.HostKeySha256} "
                        + "given with --host-key-sha256; refusing to connect (check the address, or pin the new key if the head node was replaced)", e),
                _ => new InvalidOperationException($"{where}: {e.Message.TrimEnd('.')}: check that the head node is running, that its security group "
                    + "allows SSH from this address (petal create --ssh-cidr), or pass --host and --port", e),
            };
        }
        return shell;
    }

    private static PrivateKeyFile ReadKey(string path)
    {
        try { return new PrivateKeyFile(path); }
        catch (Exception e) when (e is SshException or InvalidOperationException or ArgumentException or IOException)
        {
            throw new UserInputException($"{path}: not a private key petal can use ({e.Message.TrimEnd('.')}); "
                + "pass --key-file with an unencrypted OpenSSH or PEM key, or load it into ssh-agent (ssh-add)");
        }
    }

    public async Task<CommandResult> RunAsync(string bash, TimeSpan timeout, CancellationToken cancellation)
    {
        using var command = _client.CreateCommand("bash -lc " + ShellQuote.Single(bash));
        command.CommandTimeout = timeout;
        using var timed = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timed.CancelAfter(timeout);
        try
        {
            await command.ExecuteAsync(timed.Token);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return CommandResult.TimedOut(timeout, command.Result ?? "");
        }
        return new CommandResult(command.ExitStatus ?? -1, command.Result ?? "", command.Error ?? "");
    }

    public Task<JobResult> SubmitAsync(BatchJob job, TimeSpan timeout, IProgress<string>? progress, CancellationToken cancellation) =>
        _batch.SubmitAsync(job, timeout, progress, cancellation);

    public ValueTask DisposeAsync()
    {
        if (_client.IsConnected) _client.Disconnect();
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
