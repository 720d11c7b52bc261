using Petal.Common;

namespace Petal.Verify.Transport;

/// <summary>
/// Where and as whom to SSH to a head node. Keys come from --key-file, else the key petal recorded at
/// create, else ~/.ssh/id_ed25519, id_ecdsa, id_rsa as ssh would try them. SSH.NET has no ssh-agent support.
/// </summary>
public sealed record SshEndpoint(string Host, int Port, string User, IReadOnlyList<string> KeyFiles)
{
    /// <summary>SHA-256 fingerprint (base64, as ssh-keygen -l prints it, without "SHA256:") the host key must have; null trusts the first key seen.</summary>
    public string? HostKeySha256 { get; init; }

    public static IReadOnlyList<string> KeyFilesFor(string? keyFile, string? recordedKey)
    {
        if (keyFile is not null)
            return File.Exists(keyFile) ? [keyFile] : throw new UserInputException($"--key-file {keyFile}: no such file");
        if (recordedKey is not null && File.Exists(recordedKey)) return [recordedKey];
        var ssh = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ssh");
        var found = new[] { "id_ed25519", "id_ecdsa", "id_rsa" }.Select(k => Path.Combine(ssh, k)).Where(File.Exists).ToList();
        return found.Count > 0 ? found
            : throw new UserInputException("no SSH key: pass --key-file (ssh-agent is not supported), or put a key in ~/.ssh/id_ed25519");
    }
}
