using Petal.Cli;
using Petal.Tests.Support;

namespace Petal.Tests.Plans;

public class PlanCommandTests
{
    [Fact]
    public async Task Writes_every_file_for_a_valid_seed()
    {
        using var dir = new TempDirectory();
        var seed = Path.Combine(RepoPaths.Seeds, "library", "genomics-gatk.yaml");
        var code = await PetalCli.RunAsync(["plan", seed, "-o", dir.File("out"), "--layout", "hybrid", "--subnet-id", "subnet-0123456789abcdef0", "--output", "json"]);
        Assert.Equal(0, code);
        foreach (var f in new[] { "cluster-config.yaml", "plan.json", "bootstrap/head-node.sh", "bootstrap/compute-node.sh", "bootstrap/image-build.sh", "spack/spack.yaml" })
            Assert.True(File.Exists(dir.File("out/" + f)), f);
        Assert.Contains("\"layout\": \"hybrid\"", File.ReadAllText(dir.File("out/plan.json")));
        Assert.DoesNotContain("{{subnet_id}}", File.ReadAllText(dir.File("out/cluster-config.yaml")));
    }

    [Theory]
    [InlineData("--subnet-id", "subnet-$(reboot)")]
    [InlineData("--custom-ami", "ami-1")]
    [InlineData("--snapshot-id", "vol-0123456789abcdef0")]
    [InlineData("--layout", "cloud")]
    [InlineData("--ssh-cidr", "everyone")]
    [InlineData("--ssh-cidr", "203.0.113.7")]
    [InlineData("--ssh-cidr", "2001:db8::/32")]
    public async Task A_bad_option_value_exits_2_and_writes_nothing(string option, string value)
    {
        using var dir = new TempDirectory();
        var seed = Path.Combine(RepoPaths.Seeds, "library", "genomics-gatk.yaml");
        Assert.Equal(2, await PetalCli.RunAsync(["plan", seed, "-o", dir.File("out"), option, value]));
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Fact]
    public async Task An_invalid_seed_exits_2_and_writes_nothing()
    {
        using var dir = new TempDirectory();
        var seed = dir.Write("bad.yaml", "cluster:\n  name: 1bad\n  region: us-east-1\ncompute:\n  head_node: nosuch.type\n");
        Assert.Equal(2, await PetalCli.RunAsync(["plan", seed, "-o", dir.File("out")]));
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Fact]
    public async Task Ssh_to_the_head_node_is_the_given_range_and_without_one_a_placeholder_never_open_to_all()
    {
        using var dir = new TempDirectory();
        var seed = Path.Combine(RepoPaths.Seeds, "library", "genomics-gatk.yaml");
        // JSON output: the human summary would fix CliOutput's console to this test's stdout for every later test.
        Assert.Equal(0, await PetalCli.RunAsync(["plan", seed, "-o", dir.File("given"), "--ssh-cidr", "198.51.100.0/24", "--output", "json"]));
        Assert.Equal(0, await PetalCli.RunAsync(["plan", seed, "-o", dir.File("none"), "--output", "json"]));

        var given = File.ReadAllText(dir.File("given/cluster-config.yaml"));
        var none = File.ReadAllText(dir.File("none/cluster-config.yaml"));
        Assert.Contains("  Ssh:\n    KeyName: \"{{key_name}}\"\n    AllowedIps: \"198.51.100.0/24\"\n", given);
        Assert.Contains("    AllowedIps: \"{{ssh_cidr}}\"\n", none);
        Assert.Contains("\"ssh_cidr\"", File.ReadAllText(dir.File("none/plan.json")));
        Assert.DoesNotContain("ssh_cidr", File.ReadAllText(dir.File("given/plan.json")));
        Assert.DoesNotContain("0.0.0.0/0", given + none);
    }
}
