namespace Petal.Seeds;

/// <summary>The seed validator's view of Spack specs.</summary>
public sealed class SpackSpecSyntax : ISpecSyntax
{
    public static readonly SpackSpecSyntax Instance = new();

    public SpecProblem? Check(string spec)
    {
        var text = spec.TrimStart();
        if (text.Length == 0) return new SpecProblem("empty", "the spec is empty", 1);
        return char.IsAsciiLetterLower(text[0]) || char.IsAsciiDigit(text[0])
            ? null
            : new SpecProblem("tokenization", $"a spec starts with a package name, not '{text[0]}'", spec.Length - text.Length + 1);
    }

    public string? PackageName(string spec) => Check(spec) is null ? null : null;
}
