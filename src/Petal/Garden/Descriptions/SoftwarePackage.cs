namespace Petal.Garden.Descriptions;

/// <summary>One installed package: from a canonical Spack spec (seed) or a software subsystem vertex.</summary>
public sealed record SoftwarePackage(
    string Name,
    string? Version,
    string Spec,
    string? Compiler = null,
    IReadOnlyList<string>? Variants = null);
