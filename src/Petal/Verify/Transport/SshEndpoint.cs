using Petal.Common;

namespace Petal.Verify.Transport;

/// <summary>
/// Where and as whom to SSH to a head node. Keys: --key-file alone when given; else, as ssh offers them, the keys of
/// a running ssh-agent (SSH_AUTH_SOCK; <see cref="SshAgent"/>), then the key petal recorded at create and
/// ~/.ssh/id_ed25519, id_ecdsa, id_rsa.
/// </summary>
public sealed record SshEndpoint(string Host, int Port, string User, IReadOnlyList<string> KeyFiles)
{
    /// <summary>SHA-256 fingerprint (base64, as ssh-keygen -l prints it, without "SHA256:") the host key must have; null trusts the first key seen.</summary>
    public string? HostKeySha256 { get; init; }
    /// <summary>The ssh-agent socket whose keys are offered before <see cref="KeyFiles"/>; null: no agent.</summary>
    public string? AgentSocket { get; init; }

    public static SshEndpoint For(string host, int port, string user, string? keyFile, string? recordedKey)
    {
        if (keyFile is not null)
            return File.Exists(keyFile) ? new(host, port, user, [keyFile]) : throw new UserInputException($"--key-file {keyFile}: no such file");
        var ssh = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ssh");
        var files = new[] { recordedKey }.OfType<string>()
            .Concat(new[] { "id_ed25519", "id_ecdsa", "id_rsa" }.Select(k => Path.Combine(ssh, k)))
            .Where(File.Exists).ToList();
        var agent = Environment.GetEnvironmentVariable(SshAgent.SocketVariable) is { Length: > 0 } socket ? socket : null;
        return files.Count > 0 || agent is not null ? new(host, port, user, files) { AgentSocket = agent }
            : throw new UserInputException("no SSH key: pass --key-file, load the key into ssh-agent (ssh-add), or put it in ~/.ssh/id_ed25519");
    }

    /// <summary>The keys as the user should read them in an error.</summary>
    public string KeysDescription => string.Join(", ", AgentSocket is not null ? KeyFiles.Prepend("ssh-agent's keys") : KeyFiles);
}
