using System.Security.Cryptography;
using System.Text;
using Petal.Common;

namespace Petal.Providers.Local;

/// <summary>Compiles the fakeboot LD_PRELOAD shim with gcc once per source version (cached) and copies it into a twin.</summary>
public static class FakebootBuilder
{
    public static async Task InstallAsync(string destination, CancellationToken cancellation)
    {
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(TwinScripts.FakebootSource)))[..12].ToLowerInvariant();
        var dir = Path.Combine(PetalPaths.CacheDir, "local");
        var cached = Path.Combine(dir, $"fakeboot-{hash}.so");
        if (!File.Exists(cached))
        {
            Directory.CreateDirectory(dir);
            var source = Path.Combine(dir, $"fakeboot-{hash}.{Environment.ProcessId}.c");
            var temp = cached + $".{Environment.ProcessId}.tmp";
            await File.WriteAllTextAsync(source, TwinScripts.FakebootSource, cancellation);
            var r = await ProcessRunner.RunAsync("gcc", ["-shared", "-fPIC", "-O2", "-o", temp, source, "-ldl"], cancellation: cancellation);
            File.Delete(source);
            if (r.ExitCode != 0) throw new InvalidOperationException($"gcc could not build the fakeboot shim: {r.Stderr.Trim()}");
            File.Move(temp, cached, overwrite: true);
        }
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        File.Copy(cached, destination, overwrite: true);
    }
}
