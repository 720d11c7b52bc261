namespace Petal.Providers.Local;

/// <summary>
/// Lays out the matched software in the layout's software root as Spack would install it:
/// <c>&lt;root&gt;/&lt;name&gt;/&lt;version&gt;/bin</c> with links to the host binaries, plus an Lmod modulefile per package.
/// </summary>
public static class SoftwareInstaller
{
    /// <param name="hostPathOf">maps a path of the node's view (/opt/spack/...) to where it is written on the host.</param>
    public static IReadOnlyList<Providers.ClusterSoftware> Install(
        IReadOnlyList<MatchedSoftware> matched, string softwareRoot, string moduleRoot, Func<string, string> hostPathOf)
    {
        Directory.CreateDirectory(hostPathOf(moduleRoot));
        var installed = new List<Providers.ClusterSoftware>();
        foreach (var m in matched)
        {
            var prefix = $"{softwareRoot}/{m.Name}/{m.Version}";
            var bin = hostPathOf(prefix + "/bin");
            Directory.CreateDirectory(bin);
            foreach (var (link, target) in m.Package.Binaries)
            {
                var path = Path.Combine(bin, link);
                if (!File.Exists(path) && !Path.Exists(path)) File.CreateSymbolicLink(path, Path.Combine("/usr/bin", target));
            }
            var modulefile = hostPathOf($"{moduleRoot}/{ModulefileWriter.RelativePath(m.Name, m.Version)}");
            Directory.CreateDirectory(Path.GetDirectoryName(modulefile)!);
            File.WriteAllText(modulefile, ModulefileWriter.Render(m.Name, m.Version, prefix, m.Package.Info.Description, m.Package.Info.Family));
            installed.Add(new Providers.ClusterSoftware(m.Spec, m.Name, m.Version, m.Module));
        }
        return installed;
    }
}
