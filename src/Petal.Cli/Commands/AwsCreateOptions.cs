using System.CommandLine;
using Petal.Defaults;
using Petal.Providers;
using Petal.Providers.Aws.Images;

namespace Petal.Cli.Commands;

/// <summary>The `petal create` flags only the aws provider reads (the local twin ignores them).</summary>
public sealed class AwsCreateOptions
{
    private readonly Option<string?> _keyName = new("--key-name") { Description = "aws: EC2 key pair for SSH to the head node" };
    private readonly Option<string?> _customAmi = new("--custom-ami") { Description = "aws: software AMI to use (default: the one built for the seed's fingerprint)" };
    private readonly Option<string?> _snapshotId = new("--snapshot-id") { Description = "aws: software snapshot to use (layout snapshot; default: by fingerprint)" };
    private readonly Option<string?> _subnetId = new("--subnet-id") { Description = "aws: existing subnet (default: petal creates a VPC and public subnet, removed by delete)" };
    private readonly Option<bool> _build = new("--build") { Description = "aws: build (or reuse) the seed's software image first" };
    private readonly Option<string?> _buildType = new("--build-instance-type") { Description = $"aws: instance type of that build (default {SeedImageBuild.DefaultInstanceType})" };
    private readonly Option<string?> _sshCidr = new("--ssh-cidr") { Description = "aws: address range allowed to SSH to the head node, e.g. 203.0.113.7/32 (required unless --subnet-id)" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _keyName, _customAmi, _snapshotId, _subnetId, _build, _buildType, _sshCidr })
            command.Options.Add(option);
        AwsOptions.AddTo(command);
    }

    /// <summary>The request with these flags; key name, subnet and SSH range unset come from the environment or the defaults file.</summary>
    public ClusterCreateRequest Apply(ParseResult parse, ClusterCreateRequest request) => request with
    {
        KeyName = UserDefaults.Current.Value("key_name", parse.GetValue(_keyName)),
        CustomAmi = parse.GetValue(_customAmi),
        SnapshotId = parse.GetValue(_snapshotId),
        SubnetId = UserDefaults.Current.Value("subnet_id", parse.GetValue(_subnetId)),
        Build = parse.GetValue(_build),
        BuildInstanceType = parse.GetValue(_buildType),
        SshCidr = UserDefaults.Current.Value("ssh_cidr", parse.GetValue(_sshCidr)),
        Profile = AwsOptions.Connection(parse).Profile,
        Region = AwsOptions.Connection(parse).Region,
    };
}
