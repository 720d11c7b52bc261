using Amazon;
using Amazon.EC2;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.S3;
using Amazon.SecurityToken;
using Amazon.SimpleSystemsManagement;

namespace Petal.Providers.Aws;

/// <summary>The four AWS clients petal uses, configured once from an <see cref="AwsConnection"/>.</summary>
public sealed class AwsClients : IDisposable
{
    public required IAmazonEC2 Ec2 { get; init; }
    public required IAmazonS3 S3 { get; init; }
    public required IAmazonSecurityTokenService Sts { get; init; }
    public required IAmazonSimpleSystemsManagement Ssm { get; init; }

    /// <summary>The region every client talks to (system name, e.g. us-east-1).</summary>
    public required string Region { get; init; }

    public static AwsClients Create(AwsConnection connection, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var region = ResolveRegion(connection, environment);
        // Null means "the SDK's default chain" (the SDK resolves it while building the client; a missing
        // login surfaces as an AmazonClientException that AwsErrorTranslator rephrases).
        var credentials = ProfileCredentials(connection);

        T Configure<T>(T config, string serviceId) where T : ClientConfig
        {
            config.RegionEndpoint = region;
            if (AwsEndpoints.Resolve(serviceId, environment) is { } url)
            {
                config.ServiceURL = url;
                config.AuthenticationRegion = region.SystemName;
            }
            return config;
        }

        var s3Config = Configure(new AmazonS3Config(), "S3");
        // An emulator has no per-bucket DNS names: address buckets by path.
        s3Config.ForcePathStyle = s3Config.ServiceURL is not null;
        var ec2Config = Configure(new AmazonEC2Config(), "EC2");
        var stsConfig = Configure(new AmazonSecurityTokenServiceConfig(), "STS");
        var ssmConfig = Configure(new AmazonSimpleSystemsManagementConfig(), "SSM");
        return credentials is null
            ? new AwsClients
            {
                Region = region.SystemName,
                Ec2 = new AmazonEC2Client(ec2Config),
                S3 = new AmazonS3Client(s3Config),
                Sts = new AmazonSecurityTokenServiceClient(stsConfig),
                Ssm = new AmazonSimpleSystemsManagementClient(ssmConfig),
            }
            : new AwsClients
            {
                Region = region.SystemName,
                Ec2 = new AmazonEC2Client(credentials, ec2Config),
                S3 = new AmazonS3Client(credentials, s3Config),
                Sts = new AmazonSecurityTokenServiceClient(credentials, stsConfig),
                Ssm = new AmazonSimpleSystemsManagementClient(credentials, ssmConfig),
            };
    }

    private static RegionEndpoint ResolveRegion(AwsConnection connection, Func<string, string?> environment) =>
        Configured(connection, environment)?.Region
        ?? throw new AwsFailureException(
            "no AWS region configured: pass --region, set AWS_REGION, or set region in your AWS profile");

    /// <summary>
    /// The region the SDK would use and where it comes from (--region, the profile, AWS_REGION, the SDK's default
    /// chain), or null when none is configured. The one place that order is written (see <see cref="SeedRegion"/>).
    /// </summary>
    internal static (RegionEndpoint Region, string Source)? Configured(AwsConnection connection, Func<string, string?> environment)
    {
        if (connection.Region is { Length: > 0 } flag) return (RegionEndpoint.GetBySystemName(flag), "--region");
        if (connection.Profile is { Length: > 0 } profile
            && new CredentialProfileStoreChain().TryGetProfile(profile, out var p) && p.Region is not null)
            return (p.Region, $"profile {profile}'s region");
        foreach (var name in new[] { "AWS_REGION", "AWS_DEFAULT_REGION" })
            if (environment(name) is { Length: > 0 } value)
                return (RegionEndpoint.GetBySystemName(value), name);
        return FallbackRegionFactory.GetRegionEndpoint() is { } fallback ? (fallback, "the default AWS profile's region") : null;
    }

    private static AWSCredentials? ProfileCredentials(AwsConnection connection)
    {
        if (connection.Profile is not { Length: > 0 } profile) return null;
        if (new CredentialProfileStoreChain().TryGetAWSCredentials(profile, out var credentials))
            return credentials;
        throw new AwsFailureException(
            $"AWS profile '{profile}' not found in ~/.aws/config or ~/.aws/credentials: run 'aws configure --profile {profile}' "
            + $"or 'aws sso login --profile {profile}'");
    }

    public void Dispose()
    {
        Ec2.Dispose();
        S3.Dispose();
        Sts.Dispose();
        Ssm.Dispose();
    }
}
