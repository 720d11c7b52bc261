using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Petal.Providers.Local;
using Petal.Tests.Support;
using Petal.Common;

namespace Petal.Tests.Verify;

/// <summary>
/// A real OpenSSH server (Debian's /usr/sbin/sshd) on 127.0.0.1 in front of a local twin: a test host key,
/// a test client key in a temp authorized_keys, and a ForceCommand that runs every command in the twin's
/// head view (SLURM_CONF, modules). Stopped by pid on dispose.
/// </summary>
public sealed class TestSshd : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly Process _sshd;

    public int Port { get; }
    public string ClientKey => _dir.File("client_ed25519");
    /// <summary>SHA-256 fingerprint of the host key as ssh-keygen prints it, without "SHA256:".</summary>
    public string HostKeySha256 { get; }

    private TestSshd(LocalTwin twin)
    {
        Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", _dir.File("host_ed25519"));
        Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", ClientKey);
        File.Copy(ClientKey + ".pub", _dir.File("authorized_keys"));
        HostKeySha256 = Run("ssh-keygen", "-l", "-E", "sha256", "-f", _dir.File("host_ed25519.pub")).Split(' ')[1]["SHA256:".Length..];
        var head = string.Join(' ', twin.HeadCommand(["bash", "-c"]).Select(Petal.Common.ShellQuote.Single));
        var wrapper = _dir.Write("twin-login.sh", $"#!/bin/bash\nexec {head} \"$SSH_ORIGINAL_COMMAND\"\n");
        File.SetUnixFileMode(wrapper, (UnixFileMode)0b111_101_101);
        Port = FreePort.Next();
        var config = _dir.Write("sshd_config", $"""
            HostKey {_dir.File("host_ed25519")}
            PidFile {_dir.File("sshd.pid")}
            AuthorizedKeysFile {_dir.File("authorized_keys")}
            PermitRootLogin prohibit-password
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            UsePAM no
            StrictModes no
            ForceCommand {wrapper}
            """);
        Directory.CreateDirectory("/run/sshd"); // privilege separation directory; no systemd tmpfiles here
        _sshd = Process.Start(new ProcessStartInfo("/usr/sbin/sshd", ["-D", "-e", "-f", config, "-p", Port.ToString(), "-o", "ListenAddress=127.0.0.1"])
        {
            RedirectStandardError = true, UseShellExecute = false,
        })!;
        _sshd.ErrorDataReceived += (_, _) => { };
        _sshd.BeginErrorReadLine();
    }

    public static async Task<TestSshd> StartAsync(LocalTwin twin)
    {
        var sshd = new TestSshd(twin);
        for (var i = 0; i < 50; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, sshd.Port);
                return sshd;
            }
            catch (SocketException) { await Task.Delay(100); }
        }
        sshd.Dispose();
        throw new InvalidOperationException("sshd did not listen within 5 s");
    }

    /// <summary>Also accepts logins with this key: a new unencrypted key pair of <paramref name="type"/>, whose private key file is returned.</summary>
    public string AddClientKey(string type)
    {
        var key = _dir.File($"added_{type}");
        Run("ssh-keygen", "-q", "-t", type, "-N", "", "-f", key);
        File.AppendAllText(_dir.File("authorized_keys"), File.ReadAllText(key + ".pub"));
        return key;
    }

    internal static string Run(string program, params string[] args) => Run(program, args, null);

    internal static string Run(string program, string[] args, IDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;
        using var p = Process.Start(start)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{program} failed: {p.StandardError.ReadToEnd()}");
        return output;
    }

    public void Dispose()
    {
        if (!_sshd.HasExited)
        {
            _sshd.Kill();
            _sshd.WaitForExit(5000);
        }
        _sshd.Dispose();
        _dir.Dispose();
    }
}
