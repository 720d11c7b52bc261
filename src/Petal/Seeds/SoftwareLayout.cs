namespace Petal.Seeds;

/// <summary>Where Spack and its packages live and how compute nodes see them (docs/DESIGN.md).</summary>
public enum SoftwareLayout { Ami, Shared, Hybrid, Snapshot }

public enum BuildcacheMode { Auto, Only, Never }

public enum CapacityType { OnDemand, Spot }

public enum StorageType { Ebs, Efs, FsxLustre }
