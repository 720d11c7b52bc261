using Petal.Spack;

namespace Petal.Providers.Local;

/// <summary>A seed spec the twin serves with a host installation, as module <c>Name/Version</c>.</summary>
public sealed record MatchedSoftware(string Spec, HostPackage Package)
{
    public string Name => Package.Info.Spack;
    public string Version => Package.Version!;
    public string Module => $"{Name}/{Version}";
}

public sealed record SoftwareMatch(IReadOnlyList<MatchedSoftware> Matched, IReadOnlyList<UnsatisfiedSpec> Unsatisfied);

/// <summary>
/// Seed specs → host installations (pure). Spack cannot build offline here, so a spec is satisfied only
/// by a Debian package of the same software whose version meets the spec's constraint; every other spec
/// is returned as unsatisfied with the reason, never dropped.
/// </summary>
public static class SoftwareMatcher
{
    public static SoftwareMatch Match(IEnumerable<string> specs, IReadOnlyList<HostPackage> host)
    {
        var matched = new List<MatchedSoftware>();
        var unsatisfied = new List<UnsatisfiedSpec>();
        foreach (var spec in specs)
        {
            var parsed = SpecParser.Parse(spec);
            var package = host.FirstOrDefault(p => p.Info.Spack == parsed.Name);
            if (package is null)
                unsatisfied.Add(new UnsatisfiedSpec(spec,
                    $"the local twin has no host installation of {parsed.Name} (it serves: {string.Join(", ", host.Select(p => p.Info.Spack))})"));
            else if (package.Version is null || package.Binaries.Count == 0)
                unsatisfied.Add(new UnsatisfiedSpec(spec,
                    $"Debian package {package.Info.Debian} is not installed: run scripts/install-deps.sh (or apt-get install {package.Info.Debian})"));
            else if (!(SpackVersion.TryParse(package.Version, out var v) && parsed.Versions.Contains(v)))
                unsatisfied.Add(new UnsatisfiedSpec(spec,
                    $"this host has {parsed.Name} {package.Version} (Debian {package.Info.Debian}), which does not satisfy {spec}"));
            else
                matched.Add(new MatchedSoftware(spec, package));
        }
        return new SoftwareMatch(matched, unsatisfied);
    }
}
