using Petal.Pcluster;
using Petal.Plans;
using Petal.Providers.Aws;
using Petal.Providers.Aws.Clusters;

namespace Petal.Tests.Aws;

public sealed class PlanRequestsTests
{
    private static Plan WithConfig(string yaml, Dictionary<string, Placeholder> placeholders) => new()
    {
        ClusterName = "c", Region = "us-east-1", Layout = Petal.Seeds.SoftwareLayout.Ami, SoftwareRoot = "/opt/spack", DataRoot = "/opt/spack",
        InstallTree = "/opt/spack/opt", ModuleRoot = "/opt/spack/modules", EnvironmentDir = "/opt/spack/env", CompletionMarker = "/opt/spack/.done",
        Fingerprint = "fp", Architectures = ["x86_64"], SpackTarget = "x86_64_v3", QueueSpackTargets = new Dictionary<string, string>(), InstallOrder = [], Queues = new Dictionary<string, IReadOnlyList<ComputeResourcePlan>>(),
        Files = new Dictionary<string, string> { [PlanFiles.ClusterConfig] = yaml }, S3Keys = new Dictionary<string, string>(),
        Cost = null!, Placeholders = placeholders, Warnings = [],
    };

    [Fact]
    public void Placeholders_are_filled_from_what_aws_resolved_and_a_missing_one_is_named()
    {
        var plan = WithConfig("SubnetId: <SUBNET>\nKeyName: <KEY>\n",
            new() { ["subnet_id"] = new("<SUBNET>", "subnet"), ["key_name"] = new("<KEY>", "EC2 key pair") });
        var inputs = new ClusterInputs("us-east-1", "subnet-1", "b", "p/", "mykey", null, null, []);
        Assert.Equal("SubnetId: subnet-1\nKeyName: mykey\n", PlanRequests.FillPlaceholders(plan, inputs));
        var e = Assert.Throws<AwsFailureException>(() => PlanRequests.FillPlaceholders(plan, inputs with { KeyName = null }));
        Assert.Contains("key_name", e.Message);
    }
}
