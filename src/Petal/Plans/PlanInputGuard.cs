using Petal.Catalog;
using Petal.Common;
using Petal.Pcluster;
using Petal.Seeds;
using Petal.Seeds.Rules;

namespace Petal.Plans;

/// <summary>
/// The plan's own defence: every seed and option value that reaches cluster-config.yaml or a bootstrap
/// script is checked against the narrow shape it must have, even though `petal validate` checks the
/// seed first. Scripts still quote every value (ShellQuote); this makes sure what they quote is sane.
/// The seed's meaning is checked by the seed rules themselves (<see cref="SeedRules"/>, run here again with the
/// plan's layout), so `petal validate` and `petal plan` cannot disagree: there is one copy of each rule.
/// </summary>
public static class PlanInputGuard
{
    /// <summary>Every problem at once; throws <see cref="PlanInputException"/> when there is any.</summary>
    public static void Check(Seed seed, ICatalog catalog, PlanOptions options, SoftwareLayout layout)
    {
        var planned = seed with { Software = seed.Software with { Layout = layout } };
        var rules = new SeedRuleContext(planned, catalog, SpackSpecSyntax.Instance) { EveryValueWritten = true };
        var d = SeedRules.All.SelectMany(r => r.Check(rules)).Where(x => x.IsError).ToList();
        void Need(bool ok, string path, string message, string hint)
        {
            if (!ok) d.Add(new Diagnostic("plan-input", Severity.Error, message, path, seed.Locate(path), hint));
        }

        var c = seed.Cluster;
        Need(Patterns.ClusterName.IsMatch(c.Name), "cluster.name", $"cluster name {Show(c.Name)} is not a ParallelCluster cluster name",
            "start with a letter; letters, digits and '-' only; at most 60 characters");
        Need(Patterns.Region.IsMatch(c.Region), "cluster.region", $"region {Show(c.Region)} is not an AWS region name", "e.g. us-east-1");
        Need(PclusterFacts.AllOses.Contains(c.Os), "cluster.os", $"os {Show(c.Os)} is not a ParallelCluster OS", "one of " + string.Join(", ", PclusterFacts.AllOses));
        Need(Patterns.InstanceType.IsMatch(seed.Compute.HeadNode), "compute.head_node", $"{Show(seed.Compute.HeadNode)} is not an instance type", "e.g. c6i.xlarge");
        Need(seed.Compute.Queues.Count > 0, "compute.queues", "a cluster needs at least one queue", "add a queue under compute.queues");

        for (var i = 0; i < seed.Compute.Queues.Count; i++)
        {
            var q = seed.Compute.Queues[i];
            var p = SeedPath.Index("compute.queues", i);
            Need(Patterns.QueueName.IsMatch(q.Name), p + ".name",
                $"queue name {Show(q.Name)} is not a ParallelCluster queue name", "lowercase letter first, then a-z 0-9 '-', at most 25, not 'default'");
            Need(q.InstanceTypes.Count > 0, p + ".instance_types", "a queue needs at least one instance type", "list instance types");
            for (var t = 0; t < q.InstanceTypes.Count; t++)
                Need(Patterns.InstanceType.IsMatch(q.InstanceTypes[t]), SeedPath.Index(p + ".instance_types", t),
                    $"{Show(q.InstanceTypes[t])} is not an instance type", "e.g. c6i.xlarge");
            Need(q.MinCount >= 0 && q.MaxCount >= 1 && q.MinCount <= q.MaxCount, p + ".max_count",
                $"counts min {q.MinCount} / max {q.MaxCount} are not 0 <= min <= max, max >= 1", "fix min_count / max_count");
            Need(q.AllocationStrategy is null || PclusterFacts.AllocationStrategies.Contains(q.AllocationStrategy), p + ".allocation_strategy",
                $"allocation strategy {Show(q.AllocationStrategy ?? "")} is unknown", string.Join(" | ", PclusterFacts.AllocationStrategies));
        }

        var sw = seed.Software;
        Need(Patterns.SpackVersion.IsMatch(sw.SpackVersion), "software.spack_version", $"spack version {Show(sw.SpackVersion)} is not a release number", "e.g. 0.23.1");
        for (var i = 0; i < sw.SpackPackages.Count; i++)
        {
            var ok = Spack.SpecParser.TryParse(sw.SpackPackages[i], out _, out var error);
            Need(ok && !sw.SpackPackages[i].Any(ch => ch is '\n' or '\r' or '\0'), SeedPath.Index("software.spack_packages", i),
                $"{Show(sw.SpackPackages[i])} is not a Spack spec{(error is null ? "" : ": " + error.Message)}", "see `petal spec` for the syntax");
        }

        for (var i = 0; i < seed.Users.Count; i++)
        {
            var u = seed.Users[i];
            var p = SeedPath.Index("users", i);
            Need(Patterns.UserName.IsMatch(u.Name), p + ".name", $"user name {Show(u.Name)} is not a portable Linux user name",
                "lowercase letter or '_' first, then a-z 0-9 '_' '-', at most 32");
            Need(u.Uid is >= UserIds.MinRegular and <= UserIds.Max, p + ".uid", $"uid {u.Uid} is outside {UserIds.MinRegular}..{UserIds.Max}", "system ids below 1000 are the OS's");
            Need(u.Gid is >= UserIds.MinRegular and <= UserIds.Max, p + ".gid", $"gid {u.Gid} is outside {UserIds.MinRegular}..{UserIds.Max}", "system ids below 1000 are the OS's");
        }

        for (var i = 0; i < seed.Data.S3Mounts.Count; i++)
        {
            var m = seed.Data.S3Mounts[i];
            var p = SeedPath.Index("data.s3_mounts", i);
            Need(S3BucketNameRule.Problem(m.Bucket) is null, p + ".bucket", $"{Show(m.Bucket)} is not an S3 bucket name",
                "3-63 characters: lowercase letters, digits, '.' and '-'");
            Need(IsMountDir(m.MountPoint), p + ".mount_point", $"mount point {Show(m.MountPoint)} is not an absolute, non-system directory",
                "e.g. /data/reference (letters, digits, '.', '_', '-' only; not /opt, /home, /tmp, ...)");
        }

        for (var i = 0; i < seed.SharedStorage.Count; i++)
        {
            var s = seed.SharedStorage[i];
            var p = SeedPath.Index("shared_storage", i);
            Need(Patterns.StorageName.IsMatch(s.Name), p + ".name", $"storage name {Show(s.Name)} is not allowed",
                "at most 30 of letters, digits and + = . _ : @ / -; not 'default'");
            Need(IsMountDir(s.MountDir) || (s.MountDir == ReservedNames.Home && ReservedNames.IsSharedHome(s)), p + ".mount_dir",
                $"mount dir {Show(s.MountDir)} is reserved or not a plain absolute path", "e.g. /scratch; not /opt, /tmp, /usr, ... (/home only for EFS or FSx)");
            Need(s.SnapshotId is null || Patterns.SnapshotId.IsMatch(s.SnapshotId), p + ".snapshot_id", $"{Show(s.SnapshotId ?? "")} is not a snapshot id", "snap-0123456789abcdef0");
            var fsId = s.Type == StorageType.FsxLustre ? Patterns.FsxId : Patterns.EfsId;
            Need(s.FileSystemId is null || fsId.IsMatch(s.FileSystemId), p + ".file_system_id", $"{Show(s.FileSystemId ?? "")} is not an {fsId.Name}", "fs-0123456789abcdef0");
            Need(s.VolumeType is null || PclusterFacts.VolumeTypes.Contains(s.VolumeType), p + ".volume_type", $"{Show(s.VolumeType ?? "")} is not an EBS volume type", "gp3, gp2, io1, io2, st1, sc1, standard");
            Need(s.DeletionPolicy is null || PclusterFacts.EbsDeletionPolicies.Contains(s.DeletionPolicy), p + ".deletion_policy", $"{Show(s.DeletionPolicy ?? "")} is not a deletion policy", "Delete, Retain or Snapshot");
            Need(s.DeploymentType is null || PclusterFacts.FsxDeploymentTypes.Contains(s.DeploymentType), p + ".deployment_type",
                $"{Show(s.DeploymentType ?? "")} is not an FSx for Lustre deployment type", string.Join(", ", PclusterFacts.FsxDeploymentTypes));
            foreach (var (field, uri) in new[] { ("import_path", s.ImportPath), ("export_path", s.ExportPath) })
                Need(uri is null || Patterns.S3Uri.IsMatch(uri), p + "." + field, $"{Show(uri ?? "")} is not an S3 location", "s3://bucket or s3://bucket/prefix");
        }

        Need(options.KeyName is null || Patterns.KeyName.IsMatch(options.KeyName), "--key-name", $"{Show(options.KeyName ?? "")} is not an EC2 key pair name", "letters, digits, space and ._+=,@-");
        Need(options.SshCidr is null || IsIpv4Range(options.SshCidr), "--ssh-cidr", $"{Show(options.SshCidr ?? "")} is not an IPv4 address range", "your address/32, e.g. 203.0.113.7/32");
        foreach (var g in options.HeadNodeSecurityGroups ?? [])
            Need(Patterns.SecurityGroupId.IsMatch(g), "security group", $"{Show(g)} is not a security group id", "sg-0123456789abcdef0");
        Need(options.SubnetId is null || Patterns.SubnetId.IsMatch(options.SubnetId), "--subnet-id", $"{Show(options.SubnetId ?? "")} is not a subnet id", "subnet-0123456789abcdef0");
        Need(options.CustomAmi is null || Patterns.AmiId.IsMatch(options.CustomAmi), "--custom-ami", $"{Show(options.CustomAmi ?? "")} is not an AMI id", "ami-0123456789abcdef0");
        Need(options.SnapshotId is null || Patterns.SnapshotId.IsMatch(options.SnapshotId), "--snapshot-id", $"{Show(options.SnapshotId ?? "")} is not a snapshot id", "snap-0123456789abcdef0");
        Need(options.BucketName is null || S3BucketNameRule.Problem(options.BucketName) is null, "--bucket", $"{Show(options.BucketName ?? "")} is not an S3 bucket name", "3-63 lowercase letters, digits, '.', '-'");

        if (d.Count > 0) throw new PlanInputException(d);
    }

    /// <summary>An absolute, normalised directory Linux can make, not reserved (the seed rules MOUNT-PATH and MOUNT-RESERVED).</summary>
    public static bool IsMountDir(string dir) =>
        Patterns.MountPath.IsMatch(dir) && MountPathRule.Normalize(dir) == dir && MountPathRule.LengthProblem(dir) is null
        && !ReservedNames.MountDirs.Contains(dir);

    /// <summary>Values in messages are shown escaped, so a hostile value cannot forge terminal output.</summary>
    private static string Show(string value) => Rendering.YamlText.Quote(value);

    /// <summary>ParallelCluster's AllowedIps takes an IPv4 range with its prefix length (a network address: no host bits).</summary>
    private static bool IsIpv4Range(string value) =>
        value.Contains('/') && System.Net.IPNetwork.TryParse(value, out var range)
        && range.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork;
}
