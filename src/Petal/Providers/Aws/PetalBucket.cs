using Amazon.S3;
using Amazon.S3.Model;

namespace Petal.Providers.Aws;

/// <summary>
/// petal's per-account, per-region bucket (<c>petal-&lt;account&gt;-&lt;region&gt;</c>) for bootstrap
/// scripts: created on first use with all public access blocked and default encryption on.
/// </summary>
public sealed class PetalBucket(IAmazonS3 s3)
{
    public static string NameFor(string account, string region) => $"petal-{account}-{region}";

    public async Task EnsureAsync(string bucket, CancellationToken cancellation)
    {
        if (await ExistsAsync(bucket, cancellation)) return;
        await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket, UseClientRegion = true }, cancellation);
        await s3.PutPublicAccessBlockAsync(new PutPublicAccessBlockRequest
        {
            BucketName = bucket,
            PublicAccessBlockConfiguration = new PublicAccessBlockConfiguration
            {
                BlockPublicAcls = true, BlockPublicPolicy = true, IgnorePublicAcls = true, RestrictPublicBuckets = true,
            },
        }, cancellation);
        await s3.PutBucketEncryptionAsync(new PutBucketEncryptionRequest
        {
            BucketName = bucket,
            ServerSideEncryptionConfiguration = new ServerSideEncryptionConfiguration
            {
                ServerSideEncryptionRules = [new ServerSideEncryptionRule
                {
                    ServerSideEncryptionByDefault = new ServerSideEncryptionByDefault { ServerSideEncryptionAlgorithm = ServerSideEncryptionMethod.AES256 },
                }],
            },
        }, cancellation);
    }

    private async Task<bool> ExistsAsync(string bucket, CancellationToken cancellation)
    {
        try
        {
            await s3.GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = bucket }, cancellation);
            return true;
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchBucket" || e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return false;
        }
    }
}
