using System.Text;
using Petal.Catalog;
using Petal.Pcluster;

namespace Petal.Tests.Pcluster;

/// <summary>
/// Seeded generator of seed YAML that walks every field the seed schema allows. Each field starts from a value that
/// fits, and with a small chance takes one at or beyond a bound (the schema's and ParallelCluster's: regions outside
/// its list, OSes of other releases, EBS size/IOPS/throughput per volume type, counts, ids of the wrong length,
/// uid/gid at 2,000,000,000, mount directories at and inside /shared and /scratch and at /home, FSx deployment types
/// with their throughputs, capacities between the steps and S3 import/export paths, types of the other architecture,
/// burstable and instance-store types, inference accelerators next to CPU types, queue subnets, fallback queues, cost guards,
/// tags and Slurm accounting at and beyond their bounds). So most seeds are valid, and the
/// ones validate accepts probe the edges.
/// </summary>
public sealed class SeedGenerator(int seed, ICatalog catalog, double risk = 0.05)
{
    private readonly Random random = new(seed);

    private static readonly string[] OtherRegions = ["eu-south-2", "ap-south-2", "eu-central-2", "ca-west-1", "ap-northeast-3", "us-east1", "mx-central-1"];
    private static readonly string[] OddClusterNames = ["x" + new string('y', 59), "x" + new string('y', 60), "9lives", "a_b"];
    private static readonly string[] OddQueueNames = ["default", "Upper", "q_1", new string('q', 25), new string('q', 26), "1q", "q0-od"];
    private static readonly string[] OddVersions = ["3.13.0", "3.11.1", "4.0.0"];
    private static readonly string[] OddSpackVersions = ["develop", "v0.23", "0.22", "1.0.0", "0.23.1.1"];
    private static readonly string[] Specs = ["zlib", "openmpi@4.1.6", "hdf5+mpi ^openmpi", "gromacs@2024 +mpi", "cmake@3.27:"];
    private static readonly string[] OddMountDirs =
        ["/scratch", "/scratch/fsx", "/shared", "/shared/data", "/opt", "/opt/apps", "/home", "/data/", "/", "/tmp/x", "/fsx"];
    private static readonly int[] OddSizes = [1, 4, 35, 499, 500, 1024, 1025, 1200, 2400, 3600, 16384, 16385, 65536, 65537];
    private static readonly int[] OddIops = [100, 2999, 3000, 4000, 16000, 16001, 32000, 64000, 64001, 256000];
    private static readonly int[] OddThroughputs = [1, 124, 125, 750, 1000, 1001];
    private static readonly int[] OddIds = [0, 999, 60000, 60001, 65534, 1_999_999_999, 2_000_000_000, 2_000_000_001];
    private static readonly string[] Subnets = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002", "subnet-0a1b2c3d4e5f60003", "subnet-12345678"];
    private static readonly string[] OddSubnets = ["subnet-123", "subnet-0A1B2C3D4E5F60001", "sub-12345678", "subnet-0a1b2c3d4e5f600012"];
    private static readonly decimal[] Costs = [0.5m, 5m, 50m, 500m, 5000m];
    private static readonly string[] OddCosts = ["0", "-1", "1000001", "1e3", "cheap", "0.0001"];
    private static readonly string[] TagKeys = ["team", "cost-center", "project:name", "env/stage", "Owner Name"];
    private static readonly string[] OddTagKeys = ["parallelcluster:version", "aws:createdBy", "a;b", new string('k', 128), new string('k', 129), "ünïcode"];
    private static readonly string[] OddTagValues = ["", new string('v', 256), new string('v', 257), "$(reboot)", "a\nb"];
    private static readonly string[] OddDatabaseUris =
        ["mysql://db.example.com:3306", "db.example.com:0", "db.example.com:65535", "db.example.com:65536", "db.example.com", "-db:3306", "10.0.0.5:3306", "db .x:1"];
    private static readonly string[] OddDatabaseUsers = ["Slurm_1", "_", new string('u', 32), new string('u', 33), "1user", "slurm-user", "x'y"];
    private static readonly string[] OddDatabaseNames = ["_", new string('d', 64), new string('d', 65), "slurm-acct", "9db", "db.name"];
    private static readonly int[] OddFsxSizes = [1000, 1199, 1200, 2400, 3000, 3600, 4800, 7200, 1_000_000];
    private static readonly int[] OddFsxThroughputs = [12, 40, 50, 100, 125, 200, 250, 1000];
    private static readonly string[] OddS3Paths = ["s3://lab-in", "s3://lab-out/x", "lab-in/raw", "s3://Lab_In/x", "s3://lab-in/a b", "s3://xn--lab/x"];
    private static readonly string[] FileSystemIds = ["fs-12345678", "fs-0123456789abcdef0", "fs-0123456789ABCDEF0", "fs-123"];

    public string Next()
    {
        var y = new StringBuilder();
        var supported = PclusterFacts.RegionsFor(PclusterFacts.PinnedVersion);
        var regions = catalog.Regions.Where(r => supported.Contains(r) && catalog.TypesOfferedIn(r).Any()).Order(StringComparer.Ordinal).ToList();
        var region = Edge(Pick(regions), OtherRegions);
        var offered = catalog.TypesOfferedIn(region).Order(StringComparer.Ordinal).Select(catalog.Find).OfType<InstanceTypeInfo>().ToList();
        if (offered.Count == 0) offered = catalog.InstanceTypes.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();

        y.AppendLine("cluster:");
        y.AppendLine($"  name: {Q(Edge($"lab-{random.Next(100)}", OddClusterNames))}");
        y.AppendLine($"  region: {Q(region)}");
        if (Chance(0.5)) y.AppendLine($"  os: {Q(Edge(Pick(PclusterFacts.OsesFor(PclusterFacts.PinnedVersion).Where(o => !PclusterFacts.PrivateOses.Contains(o)).ToList()), PclusterFacts.AllOses))}");
        if (Chance(0.2)) y.AppendLine($"  parallelcluster_version: {Q(Edge(PclusterFacts.PinnedVersion, OddVersions))}");
        if (Chance(0.3)) y.AppendLine($"  max_cost_per_hour: {Edge(Pick(Costs).ToString(System.Globalization.CultureInfo.InvariantCulture), OddCosts)}");

        var heads = offered.Where(t => t.VCpus is >= 2 and <= 16).ToList();
        var head = Pick(heads.Count > 0 ? heads : offered);
        y.AppendLine("compute:");
        y.AppendLine($"  head_node: {Q(head.Name)}");
        y.AppendLine("  queues:");
        var queueCount = Edge(random.Next(1, 4), [5, 12]);
        for (var q = 0; q < queueCount; q++)
        {
            var sameArch = offered.Where(t => t.Architecture == head.Architecture).ToList();
            var pool = Edge(sameArch, [offered, sameArch.Where(t => t.Burstable).ToList(), sameArch.Where(t => t.InstanceStorageGb > 0).ToList(),
                sameArch.Where(t => t.EfaSupported).ToList(), sameArch.Where(t => t.InferenceAcceleratorCount > 0 || t.VCpus == 4).ToList()]);
            if (pool.Count == 0) pool = sameArch.Count > 0 ? sameArch : offered;
            var types = Enumerable.Range(0, random.Next(1, 4)).Select(_ => Pick(pool)).DistinctBy(t => t.Name).ToList();
            var spot = types.All(t => t.SpotSupported) && Chance(0.4);
            var efa = types.All(t => t.EfaSupported) && Chance(0.5) || Risk();
            var placement = types.All(t => t.ClusterPlacementGroup) && Chance(0.3) || Risk();
            y.AppendLine($"    - name: {Q(Edge($"q{q}", OddQueueNames))}");
            y.AppendLine("      instance_types: [" + string.Join(", ", types.Select(t => Q(t.Name))) + "]");
            var min = Edge(random.Next(0, 2), [-1, 5, 1000, 1001]);
            if (Chance(0.4) || min != 0) y.AppendLine($"      min_count: {min}");
            y.AppendLine($"      max_count: {Edge(Math.Max(min, 0) + Pick(new[] { 4, 10, 64 }), [0, 1, 1000, 1001])}");
            y.AppendLine($"      capacity: {Edge(spot ? "spot" : "ondemand", ["spot", "SPOT", "ondemand"])}");
            if (Chance(0.3)) y.AppendLine($"      allocation_strategy: {Edge(spot ? Pick(PclusterFacts.AllocationStrategies) : "lowest-price", PclusterFacts.AllocationStrategies)}");
            if (Chance(0.3)) y.AppendLine($"      disable_hyperthreading: {Bool()}");
            y.AppendLine($"      efa: {(efa ? "true" : "false")}");
            y.AppendLine($"      placement_group: {(placement ? "true" : "false")}");
            // Several subnets (one per Availability Zone) rule out EFA and placement groups; repeats, bad ids and more than 6 are refused.
            if (Chance(0.25) || Risk())
            {
                var subnets = Enumerable.Range(0, Edge(random.Next(1, 4), [0, 7])).Select(_ => Edge(Pick(Subnets), OddSubnets)).ToList();
                if (!Risk()) subnets = subnets.Distinct().ToList();
                y.AppendLine("      subnet_ids: [" + string.Join(", ", subnets.Select(Q)) + "]");
            }
            if (spot && Chance(0.4) || Risk()) y.AppendLine("      fallback: ondemand");
        }

        if (Chance(0.25))
        {
            // The password's secret: in the cluster's region and partition, or at an edge (another region or partition, not Secrets Manager).
            var partition = PclusterFacts.PartitionOf(region);
            var arn = Edge($"arn:{partition}:secretsmanager:{region}:123456789012:secret:slurmdb-AbCdEf",
                [$"arn:{partition}:secretsmanager:us-west-2:123456789012:secret:x", $"arn:aws-cn:secretsmanager:{region}:123456789012:secret:x",
                 $"arn:{partition}:ssm:{region}:123456789012:parameter/x", $"arn:{partition}:secretsmanager:{region}:12345:secret:x", "secret"]);
            y.AppendLine("scheduler:");
            y.AppendLine("  accounting:");
            y.AppendLine($"    uri: {Q(Edge($"slurmdb-{random.Next(100)}.example.com:{Pick(new[] { 3306, 3307, 1 })}", OddDatabaseUris))}");
            y.AppendLine($"    user: {Q(Edge("slurm_acct", OddDatabaseUsers))}");
            y.AppendLine($"    password_secret_arn: {Q(arn)}");
            if (Chance(0.5)) y.AppendLine($"    database_name: {Q(Edge("slurm_acct_db", OddDatabaseNames))}");
        }

        if (Chance(0.8))
        {
            y.AppendLine("software:");
            y.AppendLine($"  layout: {Pick(new[] { "ami", "shared", "hybrid", "snapshot" })}");
            if (Chance(0.4)) y.AppendLine($"  spack_version: {Q(Edge("0.23.1", OddSpackVersions))}");
            if (Chance(0.3)) y.AppendLine($"  buildcache: {Pick(new[] { "auto", "only", "never" })}");
            if (Chance(0.6)) y.AppendLine("  spack_packages: [" + string.Join(", ", Enumerable.Range(0, random.Next(1, 4)).Select(_ => Q(Pick(Specs))).Distinct()) + "]");
        }

        if (Chance(0.4))
        {
            y.AppendLine("users:");
            for (var u = 0; u < random.Next(1, 4); u++)
            {
                y.AppendLine($"  - name: {Q(Edge($"user{u}", ["root", "Bob", "slurm"]))}");
                y.AppendLine($"    uid: {Edge(1000 + u, OddIds)}");
                if (Chance(0.4)) y.AppendLine($"    gid: {Edge(1000 + u, OddIds)}");
            }
        }

        if (Chance(0.3))
        {
            y.AppendLine("data:");
            y.AppendLine("  s3_mounts:");
            for (var m = 0; m < random.Next(1, 3); m++)
            {
                y.AppendLine($"    - bucket: {Q(Edge($"lab-data-{m}", ["Bad_Bucket", "ab", "xn--bucket"]))}");
                y.AppendLine($"      mount_point: {Q(Edge($"/data/s3-{m}", OddMountDirs))}");
                if (Chance(0.5)) y.AppendLine($"      read_only: {Bool()}");
            }
        }

        if (Chance(0.6))
        {
            y.AppendLine("shared_storage:");
            var count = Edge(random.Next(1, 4), [5, 6, 7]);
            for (var s = 0; s < count; s++)
            {
                var type = Pick(new[] { "ebs", "ebs", "ebs", "efs", "fsx-lustre" });
                y.AppendLine($"  - name: {Q(Edge($"store{s}", ["default", new string('n', 31)]))}");
                y.AppendLine($"    type: {type}");
                y.AppendLine($"    mount_dir: {Q(Edge($"/vol{s}", OddMountDirs))}");
                if (type == "ebs")
                {
                    var volume = Pick(new[] { "gp3", "gp3", "gp2", "io1", "io2", "st1", "sc1", "standard" });
                    if (Chance(0.6) || Risk()) y.AppendLine($"    volume_type: {volume}");
                    var size = volume switch { "st1" or "sc1" => 500 + random.Next(1000), "standard" => 1 + random.Next(1024), _ => 10 + random.Next(2000) };
                    if (Chance(0.7)) y.AppendLine($"    size_gb: {Edge(size, OddSizes)}");
                    if (volume is "io1" or "io2" || Risk()) y.AppendLine($"    iops: {Edge(volume == "io2" ? 1000 : 100 + random.Next(300), OddIops)}");
                    if (volume == "gp3" && Chance(0.3) || Risk()) y.AppendLine($"    throughput: {Edge(125 + random.Next(500), OddThroughputs)}");
                    if (Chance(0.1)) y.AppendLine($"    snapshot_id: {Q(Edge("snap-0123456789abcdef0", ["snap-12345678", "snap-1"]))}");
                    if (Risk()) y.AppendLine($"    file_system_id: {Q(Pick(FileSystemIds))}");
                }
                else
                {
                    var existing = Chance(0.5);
                    if (existing) y.AppendLine($"    file_system_id: {Q(Edge("fs-0123456789abcdef0", FileSystemIds))}");
                    if (type == "fsx-lustre" && (!existing || Risk())) Fsx(y);
                    else if (!existing && Risk()) y.AppendLine($"    size_gb: {Pick(OddSizes)}");
                }
                if (Chance(0.3)) y.AppendLine($"    encrypted: {Bool()}");
                if (Chance(0.3)) y.AppendLine($"    deletion_policy: {Pick(PclusterFacts.EbsDeletionPolicies)}");
            }
        }
        if (Chance(0.4))
        {
            y.AppendLine("tags:");
            var count = Edge(random.Next(1, 4), [40, 41]);
            for (var t = 0; t < count; t++)
                y.AppendLine($"  {Q(count > 3 ? $"tag{t}" : Edge(Pick(TagKeys) + t, OddTagKeys))}: {Q(Edge($"value {t}", OddTagValues))}");
        }
        return y.ToString();
    }

    /// <summary>
    /// A new FSx for Lustre file system's fields: a deployment type, its throughput and capacity (fitting, or one
    /// of another type or between the steps), S3 import/export paths (with edges: another bucket, no scheme, a bad
    /// bucket name, export without import, PERSISTENT_2).
    /// </summary>
    private void Fsx(StringBuilder y)
    {
        var deployment = Chance(0.6) ? Pick(PclusterFacts.FsxDeploymentTypes) : null;
        var effective = deployment ?? PclusterFacts.FsxDefaultDeploymentType;
        if (deployment is not null) y.AppendLine($"    deployment_type: {deployment}");
        var persistent = PclusterFacts.FsxSsdThroughput.TryGetValue(effective, out var throughputs);
        if (persistent && !Risk() || Risk())
            y.AppendLine($"    per_unit_storage_throughput: {Edge(persistent ? Pick(throughputs!) : 50, OddFsxThroughputs)}");
        var step = effective == "SCRATCH_1" ? 3600 : 2400;
        if (Chance(0.6)) y.AppendLine($"    size_gb: {Edge(Pick(new[] { 1200, step, step * (1 + random.Next(8)) }), OddFsxSizes)}");
        var linked = PclusterFacts.FsxImportPathDeploymentTypes.Contains(effective);
        if (linked && Chance(0.3) || Risk())
        {
            y.AppendLine($"    import_path: {Q(Edge("s3://lab-in/raw", OddS3Paths))}");
            if (Chance(0.5)) y.AppendLine($"    export_path: {Q(Edge("s3://lab-in/results", OddS3Paths))}");
        }
        else if (Risk()) y.AppendLine($"    export_path: {Q("s3://lab-in/results")}");
    }

    /// <summary>The fitting value, or (with the generator's risk) one of the edge values.</summary>
    private T Edge<T>(T fitting, IReadOnlyList<T> edges) => Risk() ? Pick(edges) : fitting;

    private bool Risk() => random.NextDouble() < risk;
    private bool Chance(double p) => random.NextDouble() < p;
    private T Pick<T>(IReadOnlyList<T> values) => values[random.Next(values.Count)];
    private string Bool() => Chance(0.5) ? "true" : "false";
    private static string Q(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
