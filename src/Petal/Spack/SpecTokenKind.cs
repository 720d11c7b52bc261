namespace Petal.Spack;

/// <summary>Spack 0.23's token kinds, in the order its tokenizer tries them (the order matters).</summary>
internal enum SpecTokenKind : byte
{
    StartEdgeProperties,
    EndEdgeProperties,
    Dependency,
    VersionHashPair,
    GitVersion,
    Version,
    PropagatedBoolVariant,
    BoolVariant,
    PropagatedKeyValuePair,
    KeyValuePair,
    CompilerAndVersion,
    Compiler,
    Filename,
    FullyQualifiedPackageName,
    UnqualifiedPackageName,
    DagHash,
}

/// <summary>A token: its kind and where it is in the spec string (no substring is allocated).</summary>
internal readonly record struct SpecToken(SpecTokenKind Kind, int Start, int End)
{
    public int Length => End - Start;
}
