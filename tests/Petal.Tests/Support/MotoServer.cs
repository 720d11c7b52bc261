using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Petal.Providers.Aws;

namespace Petal.Tests.Support;

/// <summary>
/// A real moto_server on 127.0.0.1 (free port) for one test class. Its only AMIs are official-named
/// ParallelCluster images owned by amazon (MOTO_AMIS_PATH), so the base-image lookup is exercised for
/// real. Killed by pid on dispose; <see cref="ResetAsync"/> wipes state between tests.
/// Tests that need it are <see cref="MotoFactAttribute"/>s or <see cref="MotoTheoryAttribute"/>s: skipped, with
/// <see cref="Missing"/> as the reason, where moto_server is not installed.
/// </summary>
public sealed class MotoServer : IDisposable
{
    public const string Account = "123456789012";
    public const string Region = "us-east-1";
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly Process? _process;
    private readonly string? _dir;

    /// <summary>Why moto_server cannot run here (and how to install it), or null when it is installed.</summary>
    public static string? Missing { get; } = File.Exists(Executable())
        ? null
        : $"moto_server not found (PATH, or {Executable()}): install moto 5.2.1 with pip install 'moto[server]==5.2.1'";

    public string Url { get; } = "";

    /// <summary>Environment for a petal process: fake credentials and this endpoint.</summary>
    public IReadOnlyDictionary<string, string> ClientEnvironment => new Dictionary<string, string>
    {
        ["AWS_ACCESS_KEY_ID"] = "testing",
        ["AWS_SECRET_ACCESS_KEY"] = "testing",
        ["AWS_DEFAULT_REGION"] = Region,
        ["AWS_ENDPOINT_URL"] = Url,
    };

    public MotoServer()
    {
        // xunit constructs a class fixture even when every test of the class is skipped: start nothing then.
        if (Missing is not null) return;
        _dir = Directory.CreateTempSubdirectory("petal-moto-").FullName;
        // The SDK's default credential chain reads these; moto accepts any key.
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "testing");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "testing");
        var port = FreePort.Next();
        Url = $"http://127.0.0.1:{port}";
        var amis = Path.Combine(_dir, "amis.json");
        File.WriteAllText(amis, JsonSerializer.Serialize(OfficialImages()));
        var start = new ProcessStartInfo(Executable(), ["-H", "127.0.0.1", "-p", port.ToString()])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.Environment["MOTO_AMIS_PATH"] = amis;
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        WaitReady(_process);
    }

    /// <summary>Clients for petal configured only through the standard endpoint variable.</summary>
    public AwsClients Clients() =>
        AwsClients.Create(new AwsConnection(Region: Region), name => name == AwsEndpoints.Global ? Url : null);

    public async Task ResetAsync()
    {
        using var response = await Http.PostAsync($"{Url}/moto-api/reset", null);
        response.EnsureSuccessStatusCode();
    }

    public static readonly string[] Architectures = ["x86_64", "arm64"];

    private static object[] OfficialImages() =>
        Architectures.Select((arch, i) => (object)new Dictionary<string, object>
        {
            ["ami_id"] = $"ami-0pcluster0000000{i}",
            ["state"] = "available",
            ["public"] = true,
            ["owner_id"] = "247102896272",
            ["image_location"] = $"amazon/aws-parallelcluster-3.12.0-alinux2023-hvm-{arch}-202411150000",
            ["root_device_type"] = "ebs",
            ["root_device_name"] = "/dev/xvda",
            ["description"] = "AWS ParallelCluster AMI for alinux2023 (stand-in entry loaded into moto)",
            ["image_type"] = "machine",
            ["architecture"] = arch,
            ["name"] = $"aws-parallelcluster-3.12.0-alinux2023-hvm-{arch}-202411150000 2024-11-15T00-00-00.000Z",
            ["virtualization_type"] = "hvm",
            ["hypervisor"] = "xen",
        }).ToArray();

    private void WaitReady(Process process)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"moto_server exited with {process.ExitCode}");
            try
            {
                using var response = Http.GetAsync($"{Url}/moto-api/").GetAwaiter().GetResult();
                return;
            }
            catch (HttpRequestException) { Thread.Sleep(100); }
        }
        throw new TimeoutException("moto_server did not start within 30 s");
    }

    private static string Executable()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
            if (dir.Length > 0 && File.Exists(Path.Combine(dir, "moto_server"))) return Path.Combine(dir, "moto_server");
        var root = Environment.GetEnvironmentVariable("PYENV_ROOT") is { Length: > 0 } r
            ? r
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv");
        return Path.Combine(root, "versions", "3.11.7", "bin", "moto_server");
    }

    public void Dispose()
    {
        if (_process is null) return;
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        finally
        {
            _process.Dispose();
            Directory.Delete(_dir!, recursive: true);
        }
    }
}

/// <summary>A fact that needs moto_server: skipped with <see cref="MotoServer.Missing"/> where it is not installed.</summary>
public sealed class MotoFactAttribute : FactAttribute
{
    public MotoFactAttribute()
    {
        if (MotoServer.Missing is { } reason) Skip = reason;
    }
}

/// <summary>A theory that needs moto_server: skipped with <see cref="MotoServer.Missing"/> where it is not installed.</summary>
public sealed class MotoTheoryAttribute : TheoryAttribute
{
    public MotoTheoryAttribute()
    {
        if (MotoServer.Missing is { } reason) Skip = reason;
    }
}
