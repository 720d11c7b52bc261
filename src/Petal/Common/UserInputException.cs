namespace Petal.Common;

/// <summary>
/// A user mistake (bad flag value, unknown cluster name, name already in use): the CLI prints the
/// message and exits 2, with no stack trace. Throw it only before anything was changed.
/// </summary>
public sealed class UserInputException(string message) : PetalException(ErrorKind.InvalidInput, message);
