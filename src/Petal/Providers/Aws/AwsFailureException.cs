namespace Petal.Providers.Aws;

/// <summary>An AWS problem already phrased for the user: one line, what happened and what to do.</summary>
public sealed class AwsFailureException(string message, Exception? inner = null) : Exception(message, inner);
