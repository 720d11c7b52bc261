using System.Net;
using System.Text.RegularExpressions;
using Amazon.Runtime;

namespace Petal.Providers.Aws;

/// <summary>
/// Turns SDK exceptions into one line a researcher can act on: what failed and what to do about it.
/// Codes are the documented EC2/S3/STS/SSM error codes; anything unknown keeps AWS's own message.
/// </summary>
public static partial class AwsErrorTranslator
{
    public static bool IsAws(Exception e) =>
        e is AmazonServiceException or AmazonClientException or AwsFailureException
        or HttpRequestException;

    /// <summary>The exception rephrased as an <see cref="AwsFailureException"/> (kept as is when already one).</summary>
    public static AwsFailureException Wrap(Exception e) =>
        e as AwsFailureException ?? new AwsFailureException(Translate(e), e);

    public static string Translate(Exception e) => e switch
    {
        AwsFailureException f => f.Message,
        AmazonServiceException s => TranslateService(s),
        AmazonClientException c when IsMissingCredentials(c.Message) =>
            "no AWS credentials found: run 'aws configure' or 'aws sso login', set AWS_PROFILE or pass --profile, "
            + "or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY",
        AmazonClientException c when c.Message.Contains("SSO", StringComparison.OrdinalIgnoreCase) =>
            $"the AWS SSO session is missing or expired: run 'aws sso login' (and pass the same --profile) ({FirstLine(c.Message)})",
        HttpRequestException h => $"cannot reach the AWS endpoint: {FirstLine(h.Message)} (check the network, "
            + $"--region, and {AwsEndpoints.Global} if you use an emulator)",
        AmazonClientException c => $"AWS client error: {FirstLine(c.Message)}",
        _ => FirstLine(e.Message),
    };

    private static string TranslateService(AmazonServiceException e)
    {
        var code = e.ErrorCode ?? "";
        var message = FirstLine(e.Message);
        return code switch
        {
            "UnauthorizedOperation" or "AccessDenied" or "AccessDeniedException" or "Forbidden" =>
                MissingAction(message) is { } action
                    ? $"access denied: your AWS identity may not call {action}; add it to your IAM policy (or use a profile that has it)"
                    : $"access denied by AWS ({message}); check the IAM policy of your profile",
            "AuthFailure" or "InvalidClientTokenId" or "UnrecognizedClientException" or "SignatureDoesNotMatch"
                or "InvalidAccessKeyId" =>
                "AWS rejected the credentials (unknown access key or wrong secret): check AWS_PROFILE / --profile, "
                + "or run 'aws configure'",
            "ExpiredToken" or "ExpiredTokenException" or "RequestExpired" or "TokenRefreshRequired" =>
                "the AWS session token has expired: run 'aws sso login' or refresh your credentials, then retry",
            "VpcLimitExceeded" =>
                "VPC limit reached in this region (5 by default): delete an unused VPC, pass --subnet-id to reuse an "
                + "existing subnet, or request a higher 'VPCs per Region' quota in Service Quotas",
            "InternetGatewayLimitExceeded" or "SecurityGroupLimitExceeded" or "RouteTableLimitExceeded"
                or "AddressLimitExceeded" =>
                $"AWS limit reached ({code}): delete unused network resources or pass --subnet-id to reuse a subnet",
            "InvalidAMIID.NotFound" or "InvalidAMIID.Malformed" or "InvalidAMIID.Unavailable" =>
                $"unknown AMI: {message}; check --custom-ami and the region (AMIs are regional)",
            "InvalidSubnetID.NotFound" or "InvalidSubnetID.Malformed" =>
                $"unknown subnet: {message}; check --subnet-id and the region",
            "InvalidKeyPair.NotFound" =>
                $"unknown EC2 key pair: {message}; create or import it with 'aws ec2 import-key-pair' in this region",
            "InstanceLimitExceeded" or "VcpuLimitExceeded" or "MaxSpotInstanceCountExceeded" =>
                $"EC2 instance quota reached ({message}); request a higher vCPU quota in Service Quotas or use a smaller instance type",
            "InsufficientInstanceCapacity" or "InsufficientCapacity" =>
                $"AWS has no capacity for this instance type right now ({message}); retry later or choose another "
                + "--instance-type",
            "Unsupported" or "InvalidInstanceType" =>
                $"the instance type is not available here ({message}); choose another --instance-type or region",
            "RequestLimitExceeded" or "Throttling" or "ThrottlingException" or "SlowDown" =>
                "AWS is throttling requests; wait a minute and retry",
            "NoSuchBucket" => $"S3 bucket not found ({message})",
            "BucketAlreadyExists" =>
                "the S3 bucket name is taken by another AWS account; pass a different bucket name",
            "OptInRequired" => $"this AWS account is not subscribed to the service or region ({message})",
            _ when e.StatusCode == HttpStatusCode.InternalServerError || e.StatusCode == HttpStatusCode.ServiceUnavailable =>
                $"AWS service error {(int)e.StatusCode} {code}: {message}; retry later",
            _ => $"AWS error {code}: {message}",
        };
    }

    /// <summary>The IAM action named in an access-denied message (<c>ec2:RunInstances</c>), if any.</summary>
    public static string? MissingAction(string message) =>
        ActionPattern().Match(message) is { Success: true } m ? m.Groups[1].Value : null;

    private static bool IsMissingCredentials(string message) =>
        message.Contains("credentials", StringComparison.OrdinalIgnoreCase)
        && (message.Contains("resolve", StringComparison.OrdinalIgnoreCase)
            || message.Contains("Unable to", StringComparison.OrdinalIgnoreCase)
            || message.Contains("not found", StringComparison.OrdinalIgnoreCase));

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', 2)[0].Trim();
        return line.Length > 300 ? line[..300] + "…" : line;
    }

    [GeneratedRegex(@"perform:?\s+([a-z0-9-]+:[A-Za-z0-9*]+)")]
    private static partial Regex ActionPattern();
}
