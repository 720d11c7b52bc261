using Petal.Common;

namespace Petal.Providers.Aws;

/// <summary>An AWS problem already phrased for the user: one line, what happened and what to do (a failed operation, exit 1).</summary>
public sealed class AwsFailureException(string message, Exception? inner = null, IReadOnlyList<string>? leftBehind = null, string? cleanup = null)
    : PetalException(ErrorKind.Failed, message, leftBehind: leftBehind, cleanup: cleanup, inner: inner);
