using System.Net;
using Amazon.EC2;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SimpleSystemsManagement;
using Petal.Providers.Aws;

namespace Petal.Tests.Aws;

public sealed class AwsErrorTranslatorTests
{
    private static AmazonEC2Exception Ec2(string code, string message, HttpStatusCode status = HttpStatusCode.BadRequest) =>
        new(message, ErrorType.Sender, code, "req-1", status);

    [Fact]
    public void Access_denied_names_the_missing_action()
    {
        var e = Ec2("UnauthorizedOperation",
            "You are not authorized to perform this operation. User: arn:aws:iam::1:user/x is not authorized to perform: ec2:RunInstances on resource: arn:aws:ec2:us-east-1:1:instance/*");
        var line = AwsErrorTranslator.Translate(e);
        Assert.Contains("ec2:RunInstances", line);
        Assert.DoesNotContain("\n", line);
    }

    [Fact]
    public void Access_denied_from_s3_and_ssm_are_recognised_too()
    {
        Assert.StartsWith("access denied", AwsErrorTranslator.Translate(new AmazonS3Exception("Access Denied", ErrorType.Sender, "AccessDenied", "r", HttpStatusCode.Forbidden)));
        var ssm = new AmazonSimpleSystemsManagementException("User: arn:x is not authorized to perform: ssm:GetParameter on resource: y",
            ErrorType.Sender, "AccessDeniedException", "r", HttpStatusCode.BadRequest);
        Assert.Contains("ssm:GetParameter", AwsErrorTranslator.Translate(ssm));
    }

    [Fact]
    public void Vpc_limit_says_what_to_do() =>
        Assert.Contains("--subnet-id", AwsErrorTranslator.Translate(Ec2("VpcLimitExceeded", "The maximum number of VPCs has been reached.")));

    [Fact]
    public void Unknown_ami_points_at_the_flag_and_region() =>
        Assert.Contains("--custom-ami", AwsErrorTranslator.Translate(Ec2("InvalidAMIID.NotFound", "The image id '[ami-1]' does not exist")));

    [Theory]
    [InlineData("AuthFailure", "AWS rejected the credentials")]
    [InlineData("ExpiredToken", "expired")]
    [InlineData("InvalidKeyPair.NotFound", "import-key-pair")]
    [InlineData("VcpuLimitExceeded", "quota")]
    [InlineData("InsufficientInstanceCapacity", "--instance-type")]
    [InlineData("RequestLimitExceeded", "throttling")]
    public void Known_codes_get_a_specific_hint(string code, string expected) =>
        Assert.Contains(expected, AwsErrorTranslator.Translate(Ec2(code, "details")));

    [Fact]
    public void Missing_credentials_say_how_to_log_in()
    {
        var line = AwsErrorTranslator.Translate(new AmazonClientException("Failed to resolve AWS credentials. The credential providers used to search for credentials returned the following errors: ..."));
        Assert.Contains("aws sso login", line);
        Assert.Contains("--profile", line);
    }

    [Fact]
    public void Unknown_codes_keep_the_code_and_first_line_of_the_message()
    {
        var line = AwsErrorTranslator.Translate(Ec2("SomethingNew", "first line\nsecond line"));
        Assert.Equal("AWS error SomethingNew: first line", line);
    }

    [Fact]
    public void Unreachable_endpoint_mentions_the_endpoint_variable() =>
        Assert.Contains("AWS_ENDPOINT_URL", AwsErrorTranslator.Translate(new HttpRequestException("Connection refused (127.0.0.1:1)")));
}
