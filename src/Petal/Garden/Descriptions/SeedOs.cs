namespace Petal.Garden.Descriptions;

/// <summary>ParallelCluster's Image.Os values as an OS name and version (ubuntu2204 → ubuntu 22.04).</summary>
public static class SeedOs
{
    public static (string Name, string? Version) Split(string os) => os.ToLowerInvariant() switch
    {
        "alinux2" => ("amzn", "2"),
        "alinux2023" => ("amzn", "2023"),
        "ubuntu2004" => ("ubuntu", "20.04"),
        "ubuntu2204" => ("ubuntu", "22.04"),
        "ubuntu2404" => ("ubuntu", "24.04"),
        "rhel8" => ("rhel", "8"),
        "rhel9" => ("rhel", "9"),
        "rocky8" => ("rocky", "8"),
        "rocky9" => ("rocky", "9"),
        "centos7" => ("centos", "7"),
        var other => (other, null),
    };
}
