namespace Petal.Seeds;

/// <summary>A Spack spec problem: <see cref="Column"/> is 1-based inside the spec text.</summary>
public sealed record SpecProblem(string Kind, string Message, int Column);

/// <summary>What the seed validator needs from the Spack spec parser (kept small so tests can swap it).</summary>
public interface ISpecSyntax
{
    /// <summary>Null when <paramref name="spec"/> parses.</summary>
    SpecProblem? Check(string spec);

    /// <summary>The package name, or null when the spec does not parse.</summary>
    string? PackageName(string spec);
}

public static class SpecNames
{
    /// <summary>The package a spec is for: the parser's answer, else the text before '@', '%', variants or a space.</summary>
    public static string Of(string spec, ISpecSyntax syntax)
    {
        if (syntax.PackageName(spec) is { Length: > 0 } name) return name;
        var text = spec.Trim();
        var cut = text.IndexOfAny(['@', ' ', '%', '+', '~', '^', '\t']);
        return cut < 0 ? text : text[..cut];
    }
}
