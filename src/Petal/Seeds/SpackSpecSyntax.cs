using Petal.Spack;

namespace Petal.Seeds;

/// <summary>The seed validator's view of Spack specs, backed by <see cref="SpecParser"/>.</summary>
public sealed class SpackSpecSyntax : ISpecSyntax
{
    public static readonly SpackSpecSyntax Instance = new();

    /// <summary>Spack accepts anonymous specs ("@1.2 +x") as constraints; a seed entry must name the package to install.</summary>
    public SpecProblem? Check(string spec)
    {
        if (!SpecParser.TryParse(spec, out var parsed, out var error)) return new SpecProblem(error.Kind, error.Message, error.Column);
        return parsed.Name is { Length: > 0 }
            ? null
            : new SpecProblem("anonymous", "the spec names no package", spec.Length - spec.TrimStart().Length + 1);
    }

    public string? PackageName(string spec) => SpecParser.TryParse(spec, out var parsed, out _) ? parsed.Name : null;
}
