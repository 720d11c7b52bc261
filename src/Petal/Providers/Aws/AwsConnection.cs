namespace Petal.Providers.Aws;

/// <summary>
/// How petal reaches AWS: an optional named profile and region (the <c>--profile</c> and <c>--region</c>
/// flags). Anything left null comes from the SDK's standard chain (environment, shared config and
/// credentials files, SSO, instance metadata).
/// </summary>
public sealed record AwsConnection(string? Profile = null, string? Region = null);
