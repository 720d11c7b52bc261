using Petal.Common;

namespace Petal.Garden.Values;

/// <summary>
/// Bad garden input (malformed JGF, jobspec, selection options or cluster folder): a message that says
/// where and what, and no partial result. The service maps it to INVALID_ARGUMENT, the CLI to exit 2.
/// </summary>
public class GardenInputException(string message, SourceLocation? location = null)
    : PetalException(ErrorKind.InvalidInput, location is { } l ? $"{l}: {message}" : message)
{
    public SourceLocation? Location { get; } = location;
    public string Detail { get; } = message;
}
