using Petal.Tests.Support;
using System.IO.Compression;
using System.Text;
using Petal.Providers.Aws;
using Petal.Providers.Aws.Clusters;
using Petal.Providers.Aws.Images;

namespace Petal.Tests.Aws;

public sealed class AwsUnitTests
{
    [Fact]
    public void Service_endpoint_variable_wins_over_the_global_one()
    {
        var env = new Dictionary<string, string> { ["AWS_ENDPOINT_URL"] = "http://global", ["AWS_ENDPOINT_URL_S3"] = "http://s3only" };
        Assert.Equal("http://s3only", AwsEndpoints.Resolve("S3", n => env.GetValueOrDefault(n)));
        Assert.Equal("http://global", AwsEndpoints.Resolve("EC2", n => env.GetValueOrDefault(n)));
        env["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "true";
        Assert.Null(AwsEndpoints.Resolve("S3", n => env.GetValueOrDefault(n)));
    }

    [Fact]
    public void Clients_use_the_endpoint_and_path_style_s3_for_an_emulator()
    {
        // The SDK resolves the default credential chain when a client is built (same values MotoServer sets).
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "testing");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "testing");
        using var clients = AwsClients.Create(new AwsConnection(Region: "eu-west-1"), n => n == "AWS_ENDPOINT_URL" ? "http://127.0.0.1:1" : null);
        Assert.Equal("eu-west-1", clients.Region);
        Assert.StartsWith("http://127.0.0.1:1", clients.Ec2.Config.ServiceURL);
        Assert.True(((Amazon.S3.AmazonS3Config)clients.S3.Config).ForcePathStyle);
    }

    [Theory]
    [InlineData("cloud-init[123]: PETAL_PROGRESS 40 spack install hdf5", 40, "spack install hdf5", null)]
    [InlineData("PETAL_PROGRESS 100", 100, "", null)]
    [InlineData("[  12.3] PETAL_ERROR gcc failed to build", 0, "failed", "gcc failed to build")]
    public void Progress_lines_are_parsed_anywhere_in_a_console_line(string line, int pct, string message, string? error)
    {
        var p = BuildProgress.ParseLine(line)!;
        Assert.Equal((pct, message, error), (p.Percent, p.Message, p.Error));
    }

    [Fact]
    public void The_last_marker_in_the_console_counts_and_an_error_beats_progress()
    {
        var console = "boot\nPETAL_PROGRESS 10 a\nnoise PETAL_PROGRESS x\nPETAL_PROGRESS 55 b\n";
        Assert.Equal(55, BuildProgress.ParseLast(console)!.Percent);
        Assert.Null(BuildProgress.ParseLast("Linux version 2.6.16-xenU"));
        Assert.True(BuildProgress.Merge(new BuildProgress(90, "x"), BuildProgress.ParseLine("PETAL_ERROR boom")).Failed);
        Assert.Equal(90, BuildProgress.Merge(new BuildProgress(90, "x"), new BuildProgress(20, "y")).Percent);
    }

    [Fact]
    public void User_data_is_gzipped_and_round_trips()
    {
        var script = "#!/bin/bash\n" + string.Concat(Enumerable.Repeat("echo PETAL_PROGRESS 1 same line\n", 500));
        var encoded = BuildUserData.Encode(script)!;
        using var gz = new GZipStream(new MemoryStream(Convert.FromBase64String(encoded)), CompressionMode.Decompress);
        Assert.Equal(script, new StreamReader(gz, Encoding.UTF8).ReadToEnd());
        Assert.True(Convert.FromBase64String(encoded).Length < script.Length / 10);
    }

    [Fact]
    public void The_fetcher_quotes_the_presigned_url_and_rejects_quotes()
    {
        var fetcher = BuildUserData.Fetcher("https://b.s3.amazonaws.com/k?X-Amz-Signature=abc&X-Amz-Expires=1");
        Assert.Contains("'https://b.s3.amazonaws.com/k?X-Amz-Signature=abc&X-Amz-Expires=1'", fetcher);
        Assert.Throws<ArgumentException>(() => BuildUserData.Fetcher("https://x/'; rm -rf /"));
    }

    [Fact]
    public void Official_ami_name_pattern_follows_parallelcluster_naming() =>
        Assert.Equal("aws-parallelcluster-3.12.0-alinux2023-hvm-arm64*", OfficialAmiFinder.NamePattern("3.12.0", "alinux2023", "arm64"));

    [Theory]
    [InlineData("alinux2023", "ec2-user")]
    [InlineData("ubuntu2204", "ubuntu")]
    [InlineData("rhel9", "ec2-user")]
    [InlineData("rocky9", "rocky")]
    public void Ssh_uses_the_default_user_of_the_os(string os, string user)
    {
        var args = SshCommand.Arguments("198.51.100.10", os, "/k.pem", ["hostname"]);
        Assert.Equal(["-i", "/k.pem", "-o", "StrictHostKeyChecking=accept-new", "-l", user, "198.51.100.10", "hostname"], args);
    }

    [Fact]
    public void Describe_json_of_pcluster_is_read_including_failures()
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse("""
            {"clusterName":"c","clusterStatus":"CREATE_FAILED","cloudFormationStackStatus":"ROLLBACK_COMPLETE","version":"3.12.0",
             "headNode":{"publicIpAddress":"1.2.3.4"},"failures":[{"failureCode":"OnNodeConfiguredExecutionFailure","failureReason":"script 1 failed"}]}
            """)!.AsObject();
        var d = PclusterDescription.From(json);
        Assert.True(d.Failed);
        Assert.Equal("ROLLBACK_COMPLETE", d.StackStatus);
        Assert.Equal(["OnNodeConfiguredExecutionFailure: script 1 failed"], d.Failures);
    }
}
