using Petal.Providers.Aws.Clusters;
using YamlDotNet.RepresentationModel;

namespace Petal.Tests.Aws;

public sealed class HeadNodeSshTests
{
    private const string Config = "Region: \"us-east-1\"\nHeadNode:\n  InstanceType: \"c6i.xlarge\"\n  Networking:\n    SubnetId: \"subnet-1\"\n"
        + "  Ssh:\n    KeyName: \"k\"\n  Iam:\n    S3Access: []\nScheduling:\n  Scheduler: \"slurm\"\n  SlurmQueues:\n    - Name: \"q\"\n      Networking:\n        SubnetIds: [\"subnet-1\"]\n";

    private static YamlMappingNode Head(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["HeadNode"];
    }

    [Fact]
    public void Adds_the_ssh_group_and_allowed_ips_to_the_head_node_only()
    {
        var result = HeadNodeSsh.Restrict(Config, "203.0.113.7/32", ["sg-0abc"]);
        var head = Head(result);
        var networking = (YamlMappingNode)head["Networking"];
        Assert.Equal("subnet-1", networking["SubnetId"].ToString());
        Assert.Equal(["sg-0abc"], ((YamlSequenceNode)networking["AdditionalSecurityGroups"]).Select(n => n.ToString()));
        var ssh = (YamlMappingNode)head["Ssh"];
        Assert.Equal("203.0.113.7/32", ssh["AllowedIps"].ToString());
        Assert.Equal("k", ssh["KeyName"].ToString());
        Assert.Single(result.Split('\n'), l => l.Contains("AdditionalSecurityGroups"));
    }

    [Fact]
    public void Creates_the_ssh_section_when_the_config_has_none()
    {
        var result = HeadNodeSsh.Restrict(Config.Replace("  Ssh:\n    KeyName: \"k\"\n", ""), "198.51.100.0/24", []);
        Assert.Equal("198.51.100.0/24", ((YamlMappingNode)Head(result)["Ssh"])["AllowedIps"].ToString());
        Assert.DoesNotContain("AdditionalSecurityGroups", result);
    }

    [Fact]
    public void Leaves_the_config_alone_with_nothing_to_add()
    {
        Assert.Equal(Config, HeadNodeSsh.Restrict(Config, null, []));
    }
}
