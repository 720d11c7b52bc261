namespace Petal.Seeds;

/// <summary>
/// Where each layout puts Spack and what it installs. hybrid keeps Spack (the tool, its config, its
/// keys) in the AMI at /opt/spack and everything it installs — packages, modulefiles, the
/// environment and its lock — on /shared/spack, so one AMI serves clusters with different software.
/// </summary>
public sealed record LayoutPaths(string SoftwareRoot, string DataRoot)
{
    public const string SharedMount = "/shared";

    public string InstallTree => DataRoot + "/opt";
    public string ModuleRoot => DataRoot + "/modules";
    public string EnvironmentDir => DataRoot + "/environment";
    public string CompletionMarker => DataRoot + "/.petal-complete";
    /// <summary>Base path of the login init; ".sh" and ".csh" are appended.</summary>
    public string InitBase => DataRoot + "/petal-init";

    /// <summary>True when the software lives on the /shared volume rather than the node's root disk.</summary>
    public bool OnShared => DataRoot.StartsWith(SharedMount + "/", StringComparison.Ordinal);

    /// <summary>True when the plan adds its own EBS volume at /shared: the layout keeps software there and the seed mounts nothing there.</summary>
    public bool AddsVolumeFor(Seed seed) =>
        OnShared && !seed.SharedStorage.Any(s => Rules.MountDirs.Key(s.MountDir) == SharedMount);

    public static LayoutPaths For(SoftwareLayout layout) => layout switch
    {
        SoftwareLayout.Ami => new("/opt/spack", "/opt/spack"),
        SoftwareLayout.Hybrid => new("/opt/spack", "/shared/spack"),
        _ => new("/shared/spack", "/shared/spack"),
    };
}
