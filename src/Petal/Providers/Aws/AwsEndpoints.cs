namespace Petal.Providers.Aws;

/// <summary>
/// The standard endpoint override variables: <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c> first, then
/// <c>AWS_ENDPOINT_URL</c>. AWSSDK v4 reads them itself; petal resolves them too because S3 needs
/// path-style addressing against an emulator, and so <c>--output json</c> can say where it talked to.
/// </summary>
public static class AwsEndpoints
{
    public const string Global = "AWS_ENDPOINT_URL";

    /// <summary>The endpoint for <paramref name="serviceId"/> (EC2, S3, STS, SSM), or null for AWS itself.</summary>
    public static string? Resolve(string serviceId, Func<string, string?> environment)
    {
        if (environment("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS") is { } ignore
            && ignore.Equals("true", StringComparison.OrdinalIgnoreCase))
            return null;
        return NonEmpty(environment($"{Global}_{serviceId.ToUpperInvariant()}")) ?? NonEmpty(environment(Global));
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
