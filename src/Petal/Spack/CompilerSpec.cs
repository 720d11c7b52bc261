namespace Petal.Spack;

/// <summary>A Spack 0.23 compiler constraint: <c>%gcc</c> or <c>%gcc@12.3.0</c>.</summary>
public sealed record CompilerSpec(string Name, VersionList Versions)
{
    public override string ToString() => Versions.IsAny ? Name : $"{Name}@{Versions}";
}
