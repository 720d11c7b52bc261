using System.Diagnostics;
using System.Text;
using Petal.Tests.Support;

namespace Petal.Tests.Garden.Service;

/// <summary>
/// <c>petal garden serve</c> as a process of its own on a fresh SQLite file in a temp directory, started and awaited
/// until it says it listens; everything it prints is collected. Disposing kills it if it still runs.
/// </summary>
public sealed class ServeProcess : IDisposable
{
    private readonly StringBuilder _output = new();

    private ServeProcess(Process process, int port) => (Process, Port) = (process, port);

    public Process Process { get; }
    public int Port { get; }
    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>Runs <paramref name="executable"/> with <paramref name="leading"/> and then garden serve's arguments.</summary>
    public static async Task<ServeProcess> StartAsync(string executable, IEnumerable<string> leading, TempDirectory temp)
    {
        var port = FreePort.Next();
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in leading.Concat(["garden", "serve", "--listen", $"127.0.0.1:{port}", "--db", temp.File("garden.db")]))
            start.ArgumentList.Add(a);
        start.Environment["PETAL_GARDEN_SECRET"] = GardenServiceHarness.RegistrationSecret;
        start.Environment["PETAL_STATE_DIR"] = temp.File("state");
        start.Environment["NO_COLOR"] = "1";
        var serve = new ServeProcess(Process.Start(start)!, port);
        var listening = new TaskCompletionSource();
        serve.Process.OutputDataReceived += (_, e) => { serve.Append(e.Data); if (e.Data?.Contains("listening") == true) listening.TrySetResult(); };
        serve.Process.ErrorDataReceived += (_, e) => serve.Append(e.Data);
        serve.Process.BeginOutputReadLine();
        serve.Process.BeginErrorReadLine();
        try
        {
            await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
            return serve;
        }
        catch
        {
            serve.Dispose();
            throw;
        }
    }

    private void Append(string? line) { lock (_output) _output.AppendLine(line); }

    public void Dispose()
    {
        if (!Process.HasExited) Process.Kill();
        Process.WaitForExit();
        Process.Dispose();
    }
}
