namespace Petal.Spack;

/// <summary>
/// Why a spec string was rejected. <paramref name="Kind"/> is Spack's exception class name
/// (<see cref="SpecErrorKinds"/>); <paramref name="Column"/> is 1-based in the string given to the parser.
/// </summary>
public sealed record SpecError(string Kind, string Message, int Column)
{
    public override string ToString() => $"{Kind} at column {Column}: {Message}";
}

/// <summary>Spack's exception class names, used as <see cref="SpecError.Kind"/>.</summary>
public static class SpecErrorKinds
{
    public const string Tokenization = "SpecTokenizationError";
    public const string Parsing = "SpecParsingError";
    public const string DuplicateVariant = "DuplicateVariantError";
    public const string DuplicateCompiler = "DuplicateCompilerSpecError";
    public const string DuplicateArchitecture = "DuplicateArchitectureError";
    public const string DuplicateDependency = "DuplicateDependencyError";
    public const string MultipleVersion = "MultipleVersionError";
    public const string UnsupportedPropagation = "UnsupportedPropagationError";
    public const string EmptyRange = "EmptyRangeError";
    /// <summary>Python's ValueError: trailing text Spack could not parse (e.g. an unterminated quote), a bad version.</summary>
    public const string Value = "ValueError";
}

/// <summary>Thrown by <see cref="SpecParser.Parse"/>; the user-facing details are in <see cref="Error"/>.</summary>
public sealed class SpecParseException(SpecError error) : FormatException(error.Message)
{
    public SpecError Error { get; } = error;
}
