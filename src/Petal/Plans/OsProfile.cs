namespace Petal.Plans;

/// <summary>
/// What petal assumes about each ParallelCluster 3.12 OS: its package manager, its system compiler
/// (Lmod's core compiler; the script corrects it if the node's gcc differs) and where Lmod comes from.
/// Lmod is a distro package on Ubuntu; the RHEL family only has it in EPEL, which ParallelCluster AMIs
/// do not enable, and Amazon Linux 2023 has no EPEL, so there Spack builds it (from the buildcache).
/// </summary>
public sealed record OsProfile(string Os, string PackageManager, string SystemCompiler, bool DistroLmod)
{
    /// <summary>The Lmod Spack installs where the OS has none (a version in Spack 0.23's lmod package).</summary>
    public const string SpackLmodSpec = "lmod@8.7.37";

    public string LmodDescription => DistroLmod ? $"distro:{Os}" : SpackLmodSpec;

    /// <summary>The login user of ParallelCluster's official image for the OS (what SSH to the head node uses by default).</summary>
    public string LoginUser => Os switch
    {
        _ when Os.StartsWith("ubuntu", StringComparison.Ordinal) => "ubuntu",
        _ when Os.StartsWith("rocky", StringComparison.Ordinal) => "rocky",
        _ => "ec2-user", // alinux2, alinux2023, rhel8, rhel9
    };

    public static OsProfile For(string os) => os switch
    {
        "alinux2" => new(os, "yum", "gcc@7.3.1", false),
        "alinux2023" => new(os, "dnf", "gcc@11.4.1", false),
        "ubuntu2004" => new(os, "apt", "gcc@9.4.0", true),
        "ubuntu2204" => new(os, "apt", "gcc@11.4.0", true),
        "ubuntu2404" => new(os, "apt", "gcc@13.2.0", true),
        "rhel8" or "rocky8" => new(os, "dnf", "gcc@8.5.0", false),
        "rhel9" or "rocky9" => new(os, "dnf", "gcc@11.4.1", false),
        _ => new(os, "dnf", "gcc", false),
    };
}
