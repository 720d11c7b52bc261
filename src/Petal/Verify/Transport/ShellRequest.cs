using Petal.Plans;

namespace Petal.Verify.Transport;

/// <summary>
/// The user's overrides for reaching a head node over SSH (--host, --port, --user, --key-file, --host-key-sha256).
/// A local twin is reached through its own transport unless <see cref="Host"/> is given; an AWS cluster always over SSH.
/// </summary>
public sealed record ShellRequest
{
    /// <summary>SSH to this host instead of the provider's transport or address (an sshd in front of a twin, a tunnel).</summary>
    public string? Host { get; init; }
    public int Port { get; init; } = 22;
    public string? User { get; init; }
    public string? KeyFile { get; init; }
    public string? HostKeySha256 { get; init; }

    /// <summary>
    /// The endpoint: <see cref="Host"/> or <paramref name="address"/>, <see cref="User"/> or the OS's login user,
    /// <see cref="KeyFile"/>, else <paramref name="recordedKey"/>, ssh-agent and the ~/.ssh defaults.
    /// </summary>
    public SshEndpoint EndpointFor(string address, string os, string? recordedKey) =>
        SshEndpoint.For(Host ?? address, Port, User ?? OsProfile.For(os).LoginUser, KeyFile, recordedKey) with { HostKeySha256 = HostKeySha256 };
}
