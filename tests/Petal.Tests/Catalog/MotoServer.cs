using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Petal.Tests.Catalog;

/// <summary>
/// A real moto_server on 127.0.0.1 and a free port, for the life of a test; stopped by its pid on
/// dispose (also when the test failed).
/// </summary>
public sealed class MotoServer : IDisposable
{
    private readonly Process _process;

    public int Port { get; }
    public string Endpoint => $"http://127.0.0.1:{Port}";

    /// <summary>Environment for a client process: fake credentials and this endpoint.</summary>
    public IReadOnlyDictionary<string, string> ClientEnvironment => new Dictionary<string, string>
    {
        ["AWS_ACCESS_KEY_ID"] = "testing",
        ["AWS_SECRET_ACCESS_KEY"] = "testing",
        ["AWS_DEFAULT_REGION"] = "us-east-1",
        ["AWS_ENDPOINT_URL"] = Endpoint,
    };

    public MotoServer()
    {
        Port = FreePort();
        var start = new ProcessStartInfo(Executable())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "-H", "127.0.0.1", "-p", Port.ToString() }) start.ArgumentList.Add(a);
        _process = Process.Start(start) ?? throw new InvalidOperationException("moto_server did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        try
        {
            WaitUntilListening(TimeSpan.FromSeconds(30));
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    private void WaitUntilListening(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"moto_server exited with {_process.ExitCode}");
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }
        throw new TimeoutException($"moto_server did not listen on {Endpoint} within {timeout.TotalSeconds} s");
    }

    private static string Executable()
    {
        var pyenv = Path.Combine(Environment.GetEnvironmentVariable("PYENV_ROOT") is { Length: > 0 } root
            ? root
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv"), "versions", "3.11.7", "bin", "moto_server");
        if (File.Exists(pyenv)) return pyenv;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
            if (dir.Length > 0 && File.Exists(Path.Combine(dir, "moto_server"))) return Path.Combine(dir, "moto_server");
        throw new InvalidOperationException("moto_server not found (pyenv 3.11.7 or PATH); see docs/research/local-components.md");
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
    }
}
