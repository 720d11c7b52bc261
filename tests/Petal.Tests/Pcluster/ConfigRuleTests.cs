using Petal.Catalog;
using Petal.Common;
using Petal.Pcluster.Checking;

namespace Petal.Tests.Pcluster;

/// <summary>
/// One accepted config and, per ParallelCluster validator petal ports, an edit that makes exactly that validator
/// speak (and, for errors, nothing else). Together with the corpus, every rule in <see cref="ConfigChecker.Rules"/> is proven to fire.
/// </summary>
public class ConfigRuleTests
{
    private const string Good = """
        Region: us-east-1
        Image:
          Os: alinux2023
        HeadNode:
          InstanceType: c6i.xlarge
          Networking:
            SubnetId: subnet-0123456789abcdef0
        Scheduling:
          Scheduler: slurm
          SlurmQueues:
            - Name: compute
              CapacityType: ONDEMAND
              Networking:
                SubnetIds: [subnet-0123456789abcdef0]
                PlacementGroup:
                  Enabled: false
              ComputeResources:
                - Name: cr
                  InstanceType: c6i.2xlarge
                  MinCount: 0
                  MaxCount: 4
        SharedStorage:
          - Name: data
            StorageType: Ebs
            MountDir: /data
            EbsSettings:
              VolumeType: gp3
              Size: 100

        """;

    private static IReadOnlyList<ConfigFinding> Check(string yaml) => ConfigChecker.Check(yaml, EmbeddedCatalog.LoadEmbedded());

    [Fact]
    public void The_base_config_is_accepted_without_warnings() => Assert.Empty(Check(Good));

    public static TheoryData<string, string, string, Severity, string, string> Edits => new()
    {
        { "Region: us-east-1", "Region: ap-south-2", "RegionValidator", Severity.Error, "", "" },
        { "Os: alinux2023", "Os: rocky9", "OsCustomAmiValidator", Severity.Error, "", "" },
        { "InstanceType: c6i.2xlarge", "InstanceType: m6g.2xlarge", "InstanceArchitectureCompatibilityValidator", Severity.Error, "", "" },
        { "InstanceType: c6i.2xlarge", "InstanceType: hpc7a.96xlarge", "InstanceTypeValidator", Severity.Error, "", "" },
        { "InstanceType: c6i.xlarge\n", "InstanceType: m6g.xlarge\n  DisableSimultaneousMultithreading: true\n", "DisableSimultaneousMultithreadingArchitectureValidator", Severity.Error, "InstanceType: c6i.2xlarge", "InstanceType: m6g.2xlarge" },
        { "Enabled: false\n      ComputeResources:\n        - Name: cr\n          InstanceType: c6i.2xlarge", "Enabled: true\n      ComputeResources:\n        - Name: cr\n          InstanceType: t3.2xlarge", "InstanceTypePlacementGroupValidator", Severity.Error, "", "" },
        { "InstanceType: c6i.2xlarge", "InstanceType: c6i.2xlarge\n          Efa: {Enabled: true}", "EfaValidator", Severity.Error, "", "" },
        { "InstanceType: c6i.2xlarge", "InstanceType: c6in.32xlarge", "EfaValidator", Severity.Warning, "", "" },
        { "        PlacementGroup:\n          Enabled: false\n", "", "EfaPlacementGroupValidator", Severity.Error, "InstanceType: c6i.2xlarge", "InstanceType: c6in.32xlarge\n          Efa: {Enabled: true}" },
        { "InstanceType: c6i.2xlarge", "InstanceType: c6in.32xlarge\n          Efa: {Enabled: true}", "EfaPlacementGroupValidator", Severity.Warning, "", "" },
        { "SubnetIds: [subnet-0123456789abcdef0]", "SubnetIds: [subnet-0123456789abcdef0, subnet-0fedcba9876543210]", "EfaMultiAzValidator", Severity.Error, "InstanceType: c6i.2xlarge", "Instances: [{InstanceType: c6in.32xlarge}]\n          Efa: {Enabled: true}" },
        { "SubnetIds: [subnet-0123456789abcdef0]", "SubnetIds: [subnet-0123456789abcdef0, subnet-0123456789abcdef0]", "QueueSubnetsValidator", Severity.Error, "InstanceType: c6i.2xlarge", "Instances: [{InstanceType: c6i.2xlarge}]" },
        { "SubnetIds: [subnet-0123456789abcdef0]\n        PlacementGroup:\n          Enabled: false", "SubnetIds: [subnet-0123456789abcdef0, subnet-0fedcba9876543210]\n        PlacementGroup:\n          Enabled: true", "MultiAzPlacementGroupValidator", Severity.Error, "InstanceType: c6i.2xlarge", "Instances: [{InstanceType: c6i.2xlarge}]" },
        { "SubnetIds: [subnet-0123456789abcdef0]\n        PlacementGroup:\n          Enabled: false\n      ComputeResources:\n        - Name: cr\n          InstanceType: c6i.2xlarge",
          "SubnetIds: [subnet-0123456789abcdef0, subnet-0fedcba9876543210]\n        PlacementGroup:\n          Enabled: false\n      ComputeResources:\n        - Name: cr\n          Instances: [{InstanceType: c6i.2xlarge}]", "ManagedFsxMultiAzValidator", Severity.Error, "    EbsSettings:\n      VolumeType: gp3\n      Size: 100\n", "  - {Name: fsx, StorageType: FsxLustre, MountDir: /fsx, FsxLustreSettings: {StorageCapacity: 1200}}\n" },
        { "InstanceType: c6i.2xlarge", "Instances: [{InstanceType: c6i.2xlarge}, {InstanceType: c6i.4xlarge}]", "InstancesCPUValidator", Severity.Error, "", "" },
        { "InstanceType: c6i.2xlarge", "Instances: [{InstanceType: c6i.2xlarge}, {InstanceType: g4dn.2xlarge}]", "InstancesAcceleratorsValidator", Severity.Error, "", "" },
        { "InstanceType: c6i.2xlarge", "Instances: [{InstanceType: m5dn.xlarge}, {InstanceType: inf1.xlarge}]", "InstancesAcceleratorsValidator", Severity.Error, "", "" },
        { "InstanceType: c6i.2xlarge", "Instances: [{InstanceType: m5.24xlarge}, {InstanceType: m5n.24xlarge}]\n          Efa: {Enabled: true}", "InstancesEFAValidator", Severity.Error, "", "" },
        { "Enabled: false\n      ComputeResources:\n        - Name: cr\n          InstanceType: c6i.2xlarge", "Enabled: true\n      ComputeResources:\n        - Name: cr\n          Instances: [{InstanceType: c6i.2xlarge}, {InstanceType: c6a.2xlarge}]", "InstancesNetworkingValidator", Severity.Warning, "", "" },
        { "CapacityType: ONDEMAND", "CapacityType: ONDEMAND\n      AllocationStrategy: capacity-optimized", "InstancesAllocationStrategyValidator", Severity.Error, "InstanceType: c6i.2xlarge", "Instances: [{InstanceType: c6i.2xlarge}]" },
        { "InstanceType: c6i.2xlarge", "InstanceType: g4ad.2xlarge", "InstanceTypeAcceleratorManufacturerValidator", Severity.Warning, "", "" },
        { "MinCount: 0", "MinCount: 5", "ComputeResourceSizeValidator", Severity.Error, "", "" },
        { "- Name: compute", "- Name: Compute", "NameValidator", Severity.Error, "", "" },
        { "MountDir: /data", "MountDir: /usr", "SharedStorageMountDirValidator", Severity.Error, "", "" },
        { "- Name: data", "- Name: default", "SharedStorageNameValidator", Severity.Error, "", "" },
        { "Size: 100", "Size: 100\n      Iops: 100", "EbsVolumeIopsValidator", Severity.Error, "", "" },
        { "Size: 100", "Size: 5\n      Iops: 3000", "EbsVolumeIopsValidator", Severity.Error, "", "" },
        { "VolumeType: gp3", "VolumeType: st1", "EbsVolumeTypeSizeValidator", Severity.Error, "", "" },
        { "VolumeType: gp3\n      Size: 100", "VolumeType: standard\n      Size: 2000", "EbsVolumeTypeSizeValidator", Severity.Error, "", "" },
        { "Size: 100", "Size: 100\n      Throughput: 124", "EbsVolumeThroughputValidator", Severity.Error, "", "" },
        { "Size: 100", "Size: 100\n      Throughput: 1000", "EbsVolumeThroughputIopsValidator", Severity.Error, "", "" },
        { "    EbsSettings:\n      VolumeType: gp3\n      Size: 100\n", "  - {Name: fsx, StorageType: FsxLustre, MountDir: /fsx, FsxLustreSettings: {StorageCapacity: 1300}}\n", "FsxStorageCapacityValidator", Severity.Error, "", "" },
        { "    EbsSettings:\n      VolumeType: gp3\n      Size: 100\n", "  - {Name: fsx, StorageType: FsxLustre, MountDir: /fsx, FsxLustreSettings: {StorageCapacity: 4800, DeploymentType: SCRATCH_1}}\n", "FsxStorageCapacityValidator", Severity.Error, "", "" },
        { "    EbsSettings:\n      VolumeType: gp3\n      Size: 100\n", "  - {Name: fsx, StorageType: FsxLustre, MountDir: /fsx, FsxLustreSettings: {StorageCapacity: 3600, DeploymentType: PERSISTENT_2, PerUnitStorageThroughput: 125}}\n", "FsxStorageCapacityValidator", Severity.Error, "", "" },
        { "    EbsSettings:\n      VolumeType: gp3\n      Size: 100\n", "  - {Name: fsx, StorageType: FsxLustre, MountDir: /fsx, FsxLustreSettings: {StorageCapacity: 6000, DeploymentType: PERSISTENT_1, StorageType: HDD, PerUnitStorageThroughput: 40}}\n", "FsxStorageCapacityValidator", Severity.Error, "", "" },
        { "    EbsSettings:\n      VolumeType: gp3\n      Size: 100\n", "  - {Name: fsx, StorageType: FsxLustre, MountDir: /fsx, FsxLustreSettings: {StorageCapacity: 1200, DeploymentType: PERSISTENT_1}}\n", "FsxPersistentOptionsValidator", Severity.Error, "", "" },
        { "    EbsSettings:\n      VolumeType: gp3\n      Size: 100\n", "  - {Name: fsx, StorageType: FsxLustre, MountDir: /fsx, FsxLustreSettings: {StorageCapacity: 1200, PerUnitStorageThroughput: 100}}\n", "FsxPersistentOptionsValidator", Severity.Error, "", "" },
        { "    EbsSettings:\n      VolumeType: gp3\n      Size: 100\n", "  - {Name: fsx, StorageType: FsxLustre, MountDir: /fsx, FsxLustreSettings: {StorageCapacity: 1200, DeploymentType: PERSISTENT_2, PerUnitStorageThroughput: 200}}\n", "FsxStorageTypeOptionsValidator", Severity.Error, "", "" },
        { "    EbsSettings:\n      VolumeType: gp3\n      Size: 100\n", "  - {Name: fsx, StorageType: FsxLustre, MountDir: /fsx, FsxLustreSettings: {StorageCapacity: 6000, DeploymentType: PERSISTENT_1, StorageType: HDD, PerUnitStorageThroughput: 100}}\n", "FsxStorageTypeOptionsValidator", Severity.Error, "", "" },
        { "    EbsSettings:\n      VolumeType: gp3\n      Size: 100\n", "  - {Name: fsx, StorageType: FsxLustre, MountDir: /fsx, FsxLustreSettings: {StorageCapacity: 1200, ExportPath: 's3://b/out'}}\n", "FsxS3Validator", Severity.Error, "", "" },
        { "    EbsSettings:\n      VolumeType: gp3\n      Size: 100\n", "  - {Name: e1, StorageType: Efs, MountDir: /e1}\n  - {Name: e2, StorageType: Efs, MountDir: /e2}\n", "NumberOfStorageValidator", Severity.Error, "", "" },
        { "    EbsSettings:\n      VolumeType: gp3\n      Size: 100\n", "  - {Name: data2, StorageType: Ebs, MountDir: /data}\n", "DuplicateMountDirValidator", Severity.Error, "", "" },
        { "InstanceType: c6i.2xlarge", "InstanceType: c6id.2xlarge", "DuplicateMountDirValidator", Severity.Warning, "MountDir: /data", "MountDir: /scratch" },
        { "  Scheduler: slurm", "  Scheduler: slurm\n  SlurmSettings:\n    Database: {Uri: \"mysql://db.example.com:3306\", UserName: slurm, PasswordSecretArn: \"arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf\"}", "DatabaseUriValidator", Severity.Error, "", "" },
        { "  Scheduler: slurm", "  Scheduler: slurm\n  SlurmSettings:\n    Database: {Uri: \"db.example.com:99999\", UserName: slurm, PasswordSecretArn: \"arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf\"}", "DatabaseUriValidator", Severity.Error, "", "" },
        { "  Scheduler: slurm", "  Scheduler: slurm\n  SlurmSettings:\n    Database: {Uri: \"db.example.com\", UserName: slurm, PasswordSecretArn: \"arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf\"}", "DatabaseUriValidator", Severity.Warning, "", "" },
        { "InstanceType: c6i.2xlarge", "InstanceType: c6id.2xlarge", "OverlappingMountDirValidator", Severity.Error, "MountDir: /data", "MountDir: /scratch/data" },
    };

    [Theory]
    [MemberData(nameof(Edits))]
    public void Each_validator_speaks_for_its_own_problem(string from, string to, string rule, Severity severity, string from2 = "", string to2 = "")
    {
        var yaml = Edit(Edit(Good, from2, to2), from, to);
        var findings = Check(yaml);
        Assert.Contains(findings, f => f.Rule == rule && f.Severity == severity);
        if (severity == Severity.Error)
            Assert.All(findings.Where(f => f.IsError), f => Assert.Equal(rule, f.Rule));
    }

    [Fact]
    public void A_database_with_a_port_is_accepted_and_the_schema_refuses_a_second_accounting_or_a_non_secret_arn()
    {
        var database = "  Scheduler: slurm\n  SlurmSettings:\n    Database: {Uri: \"db.example.com:3306\", UserName: slurm, PasswordSecretArn: \"arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf\", DatabaseName: slurm_acct_db}";
        Assert.Empty(Check(Edit(Good, "  Scheduler: slurm", database)));
        var both = Check(Edit(Good, "  Scheduler: slurm", database + "\n    ExternalSlurmdbd: {Host: dbd.example.com}"));
        Assert.Contains(both, f => f.Rule == ConfigChecker.SchemaRule && f.Path == "Scheduling.SlurmSettings" && f.Message.Contains("Database and ExternalSlurmdbd"));
        var notSecret = Check(Edit(Good, "  Scheduler: slurm", database.Replace("arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf", "slurm-password")));
        Assert.Contains(notSecret, f => f.Rule == ConfigChecker.SchemaRule && f.Path == "Scheduling.SlurmSettings.Database.PasswordSecretArn");
        var missing = Check(Edit(Good, "  Scheduler: slurm", "  Scheduler: slurm\n  SlurmSettings:\n    Database: {Uri: \"db.example.com:3306\"}"));
        Assert.Contains(missing, f => f.Path == "Scheduling.SlurmSettings.Database.UserName" && f.Message == "Missing data for required field.");
        Assert.Contains(missing, f => f.Path == "Scheduling.SlurmSettings.Database.PasswordSecretArn");
    }

    [Fact]
    public void Every_rule_has_a_case_here()
    {
        var covered = Edits.Select(row => (string)row[2]).Concat(["MaxCountValidator", "DuplicateNameValidator", "SchedulerOsValidator"]).ToHashSet();
        Assert.Empty(ConfigChecker.Rules.Select(r => r.Name).Where(n => !covered.Contains(n)));
        Assert.All(ConfigChecker.Rules, r => Assert.False(string.IsNullOrWhiteSpace(r.Summary)));
    }

    [Fact]
    public void AwsBatch_runs_only_on_Amazon_Linux()
    {
        var batch = """
            Region: us-east-1
            Image: {Os: ubuntu2204}
            HeadNode: {InstanceType: c6i.xlarge, Networking: {SubnetId: subnet-0123456789abcdef0}}
            Scheduling:
              Scheduler: awsbatch
              AwsBatchQueues:
                - Name: q
                  Networking: {SubnetIds: [subnet-0123456789abcdef0]}
                  ComputeResources: [{Name: optimal, InstanceTypes: [optimal]}]
            """;
        Assert.Equal(["SchedulerOsValidator"], Check(batch).Where(f => f.IsError).Select(f => f.Rule));
        Assert.Empty(Check(batch.Replace("ubuntu2204", "alinux2023")).Where(f => f.IsError));
    }

    [Fact]
    public void Names_are_unique_and_counts_bounded()
    {
        var twice = Edit(Good, "SharedStorage:", """
                - Name: compute
                  Networking: {SubnetIds: [subnet-0123456789abcdef0]}
                  ComputeResources: [{Name: cr, InstanceType: c6i.2xlarge}, {Name: cr, InstanceType: c6i.4xlarge}]
            SharedStorage:
            """);
        Assert.Equal(2, Check(twice).Count(f => f.Rule == "DuplicateNameValidator"));
        var many = Edit(Good, "SharedStorage:", string.Concat(Enumerable.Range(0, 50).Select(i =>
            $"    - Name: q{i}\n      Networking: {{SubnetIds: [subnet-0123456789abcdef0]}}\n      ComputeResources: [{{Name: cr, InstanceType: c6i.2xlarge}}]\n")) + "SharedStorage:");
        Assert.Equal(2, Check(many).Count(f => f.Rule == "MaxCountValidator"));
    }

    [Fact]
    public void Yaml_problems_are_reported_once_and_stop_the_check()
    {
        Assert.Equal([ConfigChecker.YamlRule], Check(Good + "Region: us-west-2\n").Select(f => f.Rule));
        Assert.Equal([ConfigChecker.YamlRule], Check("- just a list\n").Select(f => f.Rule));
        Assert.Equal(["Schema: HeadNode.Networking: Missing data for required field."],
            Check(Edit(Good, "  Networking:\n    SubnetId: subnet-0123456789abcdef0\n", "")).Select(f => f.ToString()));
    }

    private static string Edit(string yaml, string from, string to)
    {
        if (from.Length == 0) return yaml;
        Assert.Contains(from, yaml);
        var at = yaml.IndexOf(from, StringComparison.Ordinal);
        return yaml[..at] + to + yaml[(at + from.Length)..];
    }
}
