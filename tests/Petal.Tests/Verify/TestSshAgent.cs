using System.Diagnostics;
using Petal.Tests.Support;

namespace Petal.Tests.Verify;

/// <summary>A real OpenSSH ssh-agent (Debian's) on a socket in a temp directory; stopped by pid on dispose.</summary>
public sealed class TestSshAgent : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly Process _agent;

    public string Socket => _dir.File("agent.sock");

    public TestSshAgent()
    {
        _agent = Process.Start(new ProcessStartInfo("ssh-agent", ["-D", "-a", Socket]) { RedirectStandardOutput = true, UseShellExecute = false })!;
        for (var i = 0; i < 50 && !File.Exists(Socket); i++) Thread.Sleep(100);
        if (!File.Exists(Socket)) { Dispose(); throw new InvalidOperationException("ssh-agent did not create its socket within 5 s"); }
    }

    public void Add(string keyFile) => SshAdd(keyFile);

    public void Remove(string keyFile) => SshAdd("-d", keyFile);

    private void SshAdd(params string[] args) =>
        TestSshd.Run("ssh-add", args, new Dictionary<string, string> { ["SSH_AUTH_SOCK"] = Socket });

    public void Dispose()
    {
        if (!_agent.HasExited)
        {
            _agent.Kill();
            _agent.WaitForExit(5000);
        }
        _agent.Dispose();
        _dir.Dispose();
    }
}
