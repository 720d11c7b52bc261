namespace Petal.Providers.Local;

/// <summary>Which of <see cref="HostPackageInfo.All"/> are installed on this host, at which version (one dpkg-query).</summary>
public static class HostSoftwareProbe
{
    public static async Task<IReadOnlyList<HostPackage>> ProbeAsync(CancellationToken cancellation)
    {
        var table = HostPackageInfo.All;
        // dpkg-query exits 1 when some package is unknown but still prints the others.
        var r = await ProcessRunner.RunAsync("dpkg-query",
            ["-W", "-f=${Package}\t${Version}\t${db:Status-Abbrev}\n", .. table.Select(p => p.Debian).Distinct()],
            cancellation: cancellation);
        var versions = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('\t'))
            .Where(f => f.Length == 3 && f[2].StartsWith("ii", StringComparison.Ordinal))
            .ToDictionary(f => f[0].Split(':')[0], f => DebianVersion.Upstream(f[1]));
        return table.Select(info => new HostPackage(
                info,
                versions.GetValueOrDefault(info.Debian),
                info.BinaryLinks.Where(b => File.Exists(Path.Combine("/usr/bin", b.Target))).ToList()))
            .ToList();
    }
}
