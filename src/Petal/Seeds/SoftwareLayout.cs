namespace Petal.Seeds;

/// <summary>Where Spack and its packages live and how compute nodes see them (docs/DESIGN.md).</summary>
public enum SoftwareLayout { Ami, Shared, Hybrid, Snapshot }

public enum BuildcacheMode { Auto, Only, Never }

public enum CapacityType { OnDemand, Spot }

public enum StorageType { Ebs, Efs, FsxLustre }

public static class StorageTypes
{
    /// <summary>The seed's name of a storage type (shared_storage[].type): ebs, efs, fsx-lustre.</summary>
    public static string SeedName(this StorageType type) => type switch
    {
        StorageType.Efs => "efs",
        StorageType.FsxLustre => "fsx-lustre",
        _ => "ebs",
    };
}
