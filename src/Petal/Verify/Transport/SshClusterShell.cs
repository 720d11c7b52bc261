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
        _batch = new SlurmBatch(RunAsync);
    }

    public string Description => $"ssh {_endpoint.User}@{_endpoint.Host}:{_endpoint.Port}";

    /// <summary>SHA-256 of the host key seen (base64, no padding), for the user to pin it next time.</summary>
    public string? HostKeySeen { get; private set; }

    public static async Task<SshClusterShell> ConnectAsync(SshEndpoint endpoint, CancellationToken cancellation)
    {
        var keys = endpoint.KeyFiles.Select(f => new PrivateKeyFile(f)).ToArray();
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
        try
        {
            await client.ConnectAsync(cancellation);
        }
        catch (Exception e) when (e is SshException or System.Net.Sockets.SocketException or SshAuthenticationException)
        {
            client.Dispose();
            throw new InvalidOperationException($"cannot SSH to {endpoint.User}@{endpoint.Host}:{endpoint.Port}: {e.Message}", e);
        }
        return shell;
    }

    public async Task<ShellResult> RunAsync(string bash, TimeSpan timeout, CancellationToken cancellation)
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
            return new ShellResult(124, command.Result ?? "", $"timed out after {timeout.TotalSeconds:0} s");
        }
        return new ShellResult(command.ExitStatus ?? -1, command.Result ?? "", command.Error ?? "");
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
