using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Petal.Tests.Plans;

/// <summary>
/// A C# port of the ParallelCluster 3.12 rules that can be checked offline (schema: required and known
/// keys, enums, id regexes, custom-action shapes; AWS-free validators: names, counts, mount dirs,
/// storage numbers). Source: docs/research/pcluster-spack.md §1. Returns every violation as "Path: message".
/// </summary>
public static class PclusterConfigRules
{
    static readonly string[] Oses = ["alinux2", "alinux2023", "ubuntu2004", "ubuntu2204", "rhel8", "rocky8", "rhel9", "rocky9"];
    static readonly string[] Reserved = ["/bin", "/boot", "/dev", "/etc", "/lib", "/lib64", "/media", "/mnt", "/opt",
        "/opt/parallelcluster", "/opt/parallelcluster/shared", "/opt/parallelcluster/shared_login_nodes", "/opt/slurm",
        "/opt/intel", "/proc", "/root", "/run", "/sbin", "/srv", "/sys", "/tmp", "/usr", "/var"];
    const string Subnet = "^subnet-([0-9a-z]{8}|[0-9a-z]{17})$";
    const string Ami = "^ami-([0-9a-z]{8}|[0-9a-z]{17})$";
    const string Snap = "^snap-([0-9a-z]{8}|[0-9a-z]{17})$";
    const string Bucket = "^[\\*a-z0-9\\-\\.]+$";

    public static List<string> Check(string yaml)
    {
        var errors = new List<string>();
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var c = new Checker(errors);

        c.Keys(root, "", ["Region", "Image", "HeadNode", "Scheduling", "SharedStorage", "LoginNodes", "Monitoring",
            "AdditionalPackages", "Tags", "Iam", "DirectoryService", "Imds", "CustomS3Bucket", "AdditionalResources",
            "DevSettings", "DeploymentSettings"], required: ["Image", "HeadNode", "Scheduling"]);
        c.Str(root, "Region", "");

        if (c.Map(root, "Image", "") is { } image)
        {
            c.Keys(image, "Image", ["Os", "CustomAmi", "RootVolume"], required: ["Os"]);
            var os = c.Enum(image, "Os", "Image", Oses);
            var ami = c.Match(image, "CustomAmi", "Image", Ami);
            if (os is "rocky8" or "rocky9" && ami is null) errors.Add("Image.CustomAmi: rocky needs a CustomAmi");
        }

        if (c.Map(root, "HeadNode", "") is { } head)
        {
            c.Keys(head, "HeadNode", ["InstanceType", "Networking", "Ssh", "LocalStorage", "Iam", "CustomActions", "Image",
                "Dcv", "Imds", "DisableSimultaneousMultithreading", "SharedStorageType"], required: ["InstanceType", "Networking"]);
            c.Str(head, "InstanceType", "HeadNode");
            if (c.Map(head, "Networking", "HeadNode") is { } net)
            {
                c.Keys(net, "HeadNode.Networking", ["SubnetId", "ElasticIp", "SecurityGroups", "AdditionalSecurityGroups", "Proxy"], required: ["SubnetId"]);
                c.Match(net, "SubnetId", "HeadNode.Networking", Subnet);
            }
            if (c.Map(head, "Ssh", "HeadNode") is { } ssh) { c.Keys(ssh, "HeadNode.Ssh", ["KeyName", "AllowedIps"]); c.Str(ssh, "KeyName", "HeadNode.Ssh"); }
            if (c.Map(head, "LocalStorage", "HeadNode") is { } ls) c.LocalStorage(ls, "HeadNode.LocalStorage");
            c.Iam(head, "HeadNode");
            c.CustomActions(head, "HeadNode", ["OnNodeStart", "OnNodeConfigured", "OnNodeUpdated"]);
        }

        if (c.Map(root, "Scheduling", "") is { } sched)
        {
            c.Keys(sched, "Scheduling", ["Scheduler", "SlurmQueues", "SlurmSettings", "ScalingStrategy", "AwsBatchQueues", "AwsBatchSettings"], required: ["Scheduler"]);
            c.Enum(sched, "Scheduler", "Scheduling", ["slurm", "awsbatch"]);
            var queues = c.List(sched, "SlurmQueues", "Scheduling");
            if (queues is null) errors.Add("Scheduling.SlurmQueues: SlurmQueues section must be specified");
            else
            {
                if (queues.Children.Count > 50) errors.Add("Scheduling.SlurmQueues: at most 50 queues");
                var qnames = new List<string>();
                var total = 0;
                for (var i = 0; i < queues.Children.Count; i++)
                {
                    var p = $"Scheduling.SlurmQueues[{i}]";
                    if (queues.Children[i] is not YamlMappingNode q) { errors.Add($"{p}: not a mapping"); continue; }
                    c.Keys(q, p, ["Name", "CapacityType", "AllocationStrategy", "Networking", "ComputeResources", "ComputeSettings",
                        "CustomActions", "Iam", "Image", "HealthChecks", "JobExclusiveAllocation", "Tags", "CustomSlurmSettings", "CapacityReservationTarget"],
                        required: ["Name", "Networking"]);
                    if (c.Name(q, p) is { } qn) qnames.Add(qn);
                    var capacity = c.Enum(q, "CapacityType", p, ["ONDEMAND", "SPOT", "CAPACITY_BLOCK"]);
                    var strategy = c.Enum(q, "AllocationStrategy", p, ["lowest-price", "capacity-optimized", "price-capacity-optimized"]);
                    if (strategy is not null and not "lowest-price" && capacity is null or "ONDEMAND")
                        errors.Add($"{p}.AllocationStrategy: {strategy} is only for SPOT queues");
                    if (c.Map(q, "Networking", p) is { } qnet)
                    {
                        c.Keys(qnet, p + ".Networking", ["SubnetIds", "PlacementGroup", "SecurityGroups", "AdditionalSecurityGroups", "Proxy", "AssignPublicIp"], required: ["SubnetIds"]);
                        if (c.List(qnet, "SubnetIds", p + ".Networking") is { } ids)
                        {
                            if (ids.Children.Count < 1) errors.Add($"{p}.Networking.SubnetIds: at least one subnet");
                            foreach (var id in ids.Children) c.MatchNode(id, p + ".Networking.SubnetIds", Subnet);
                        }
                        if (c.Map(qnet, "PlacementGroup", p + ".Networking") is { } pg) { c.Keys(pg, p + ".Networking.PlacementGroup", ["Enabled", "Id", "Name"]); c.Bool(pg, "Enabled", p + ".Networking.PlacementGroup"); }
                    }
                    if (c.Map(q, "ComputeSettings", p) is { } cs && c.Map(cs, "LocalStorage", p + ".ComputeSettings") is { } cls)
                        c.LocalStorage(cls, p + ".ComputeSettings.LocalStorage");
                    c.Iam(q, p);
                    c.CustomActions(q, p, ["OnNodeStart", "OnNodeConfigured"]);
                    var crs = c.List(q, "ComputeResources", p);
                    if (crs is null) continue;
                    if (crs.Children.Count > 50) errors.Add($"{p}.ComputeResources: at most 50 per queue");
                    total += crs.Children.Count;
                    var crNames = new List<string>();
                    for (var j = 0; j < crs.Children.Count; j++)
                    {
                        var cp = $"{p}.ComputeResources[{j}]";
                        if (crs.Children[j] is not YamlMappingNode cr) { errors.Add($"{cp}: not a mapping"); continue; }
                        c.Keys(cr, cp, ["Name", "InstanceType", "Instances", "MinCount", "MaxCount", "DisableSimultaneousMultithreading",
                            "Efa", "SpotPrice", "SchedulableMemory", "CapacityReservationTarget", "Networking", "CustomSlurmSettings", "Tags",
                            "StaticNodePriority", "DynamicNodePriority", "HealthChecks", "LaunchTemplateOverrides"], required: ["Name"]);
                        if (c.Name(cr, cp) is { } crn) crNames.Add(crn);
                        var hasType = cr.Children.ContainsKey("InstanceType");
                        var hasInstances = cr.Children.ContainsKey("Instances");
                        if (hasType == hasInstances) errors.Add($"{cp}: needs to specify either InstanceType or Instances");
                        c.Str(cr, "InstanceType", cp);
                        if (hasInstances && c.List(cr, "Instances", cp) is { } inst)
                        {
                            var types = new List<string>();
                            foreach (var it in inst.Children)
                                if (it is YamlMappingNode m) { c.Keys(m, cp + ".Instances", ["InstanceType"], required: ["InstanceType"]); if (c.Str(m, "InstanceType", cp + ".Instances") is { } t) types.Add(t); }
                                else errors.Add($"{cp}.Instances: items must be mappings");
                            if (types.Count == 0) errors.Add($"{cp}.Instances: empty");
                            if (types.Distinct().Count() != types.Count) errors.Add($"{cp}.Instances: duplicate instance types");
                        }
                        var min = c.Int(cr, "MinCount", cp) ?? 0;
                        var max = c.Int(cr, "MaxCount", cp) ?? 10;
                        if (min < 0) errors.Add($"{cp}.MinCount: must be >= 0");
                        if (max < 1) errors.Add($"{cp}.MaxCount: must be >= 1");
                        if (max < min) errors.Add($"{cp}: MaxCount must be greater than or equal to MinCount");
                        c.Bool(cr, "DisableSimultaneousMultithreading", cp);
                        if (c.Map(cr, "Efa", cp) is { } efa) { c.Keys(efa, cp + ".Efa", ["Enabled", "GdrSupport"]); c.Bool(efa, "Enabled", cp + ".Efa"); }
                    }
                    c.Duplicates(crNames, p + ".ComputeResources");
                }
                if (total > 50) errors.Add("Scheduling.SlurmQueues: at most 50 compute resources in the cluster");
                c.Duplicates(qnames, "Scheduling.SlurmQueues");
            }
        }

        if (c.List(root, "SharedStorage", "") is { } storage) c.SharedStorage(storage);

        if (c.Map(root, "DevSettings", "") is { } dev && c.Map(dev, "Timeouts", "DevSettings") is { } to)
        {
            c.Keys(to, "DevSettings.Timeouts", ["HeadNodeBootstrapTimeout", "ComputeNodeBootstrapTimeout"]);
            foreach (var k in new[] { "HeadNodeBootstrapTimeout", "ComputeNodeBootstrapTimeout" })
                if (c.Int(to, k, "DevSettings.Timeouts") is < 1) errors.Add($"DevSettings.Timeouts.{k}: must be >= 1");
        }
        return errors;
    }

    private sealed class Checker(List<string> errors)
    {
        static string At(string parent, string key) => parent.Length == 0 ? key : $"{parent}.{key}";

        public void Keys(YamlMappingNode map, string path, string[] allowed, string[]? required = null)
        {
            foreach (var key in map.Children.Keys.Select(k => ((YamlScalarNode)k).Value!))
                if (!allowed.Contains(key)) errors.Add($"{At(path, key)}: Unknown field.");
            foreach (var key in required ?? [])
                if (!map.Children.ContainsKey(key)) errors.Add($"{At(path, key)}: Missing data for required field.");
        }

        YamlNode? Get(YamlMappingNode map, string key) => map.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;

        public YamlMappingNode? Map(YamlMappingNode map, string key, string path)
        {
            var v = Get(map, key);
            if (v is null) return null;
            if (v is YamlMappingNode m) return m;
            errors.Add($"{At(path, key)}: not a mapping");
            return null;
        }

        public YamlSequenceNode? List(YamlMappingNode map, string key, string path)
        {
            var v = Get(map, key);
            if (v is null) return null;
            if (v is YamlSequenceNode s) return s;
            errors.Add($"{At(path, key)}: not a list");
            return null;
        }

        /// <summary>A string field: a scalar that YAML would not read as a number, boolean or null.</summary>
        public string? Str(YamlMappingNode map, string key, string path)
        {
            var v = Get(map, key);
            if (v is null) return null;
            if (v is YamlScalarNode { Value: { } s } sc && (sc.Style != YamlDotNet.Core.ScalarStyle.Plain || !Regex.IsMatch(s, "^(~|null|true|false|-?[0-9.]+)$")))
                return s;
            errors.Add($"{At(path, key)}: Not a valid string.");
            return null;
        }

        public int? Int(YamlMappingNode map, string key, string path)
        {
            var v = Get(map, key);
            if (v is null) return null;
            if (v is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: { } s } && int.TryParse(s, out var n)) return n;
            errors.Add($"{At(path, key)}: Not a valid integer.");
            return null;
        }

        public void Bool(YamlMappingNode map, string key, string path)
        {
            var v = Get(map, key);
            if (v is not null && v is not YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: "true" or "false" })
                errors.Add($"{At(path, key)}: Not a valid boolean.");
        }

        public string? Enum(YamlMappingNode map, string key, string path, string[] values)
        {
            var s = Str(map, key, path);
            if (s is not null && !values.Contains(s)) { errors.Add($"{At(path, key)}: Must be one of: {string.Join(", ", values)}."); return null; }
            return s;
        }

        public string? Match(YamlMappingNode map, string key, string path, string regex)
        {
            var s = Str(map, key, path);
            if (s is not null && !Regex.IsMatch(s, regex)) { errors.Add($"{At(path, key)}: String does not match expected pattern."); return null; }
            return s;
        }

        public void MatchNode(YamlNode node, string path, string regex)
        {
            if (node is not YamlScalarNode { Value: { } s } || !Regex.IsMatch(s, regex)) errors.Add($"{path}: String does not match expected pattern.");
        }

        /// <summary>NameValidator: ^[a-z][a-z0-9\-]*$, at most 25, not "default".</summary>
        public string? Name(YamlMappingNode map, string path)
        {
            var name = Str(map, "Name", path);
            if (name is null) return null;
            if (!Regex.IsMatch(name, "^[a-z][a-z0-9\\-]*$")) errors.Add($"{path}.Name: {name} has bad characters");
            if (name.Length > 25) errors.Add($"{path}.Name: {name} is longer than 25 characters");
            if (name == "default") errors.Add($"{path}.Name: 'default' is reserved");
            return name;
        }

        public void Duplicates(List<string> names, string path)
        {
            foreach (var dup in names.GroupBy(n => n).Where(g => g.Count() > 1)) errors.Add($"{path}: duplicate name {dup.Key}");
        }

        public void LocalStorage(YamlMappingNode ls, string path)
        {
            Keys(ls, path, ["RootVolume", "EphemeralVolume"]);
            if (Map(ls, "RootVolume", path) is { } rv)
            {
                Keys(rv, path + ".RootVolume", ["Size", "VolumeType", "Iops", "Throughput", "Encrypted", "DeleteOnTermination", "KmsKeyId"]);
                if (Int(rv, "Size", path + ".RootVolume") is < 1) errors.Add($"{path}.RootVolume.Size: must be positive");
                Enum(rv, "VolumeType", path + ".RootVolume", ["standard", "io1", "io2", "gp2", "st1", "sc1", "gp3"]);
                Bool(rv, "Encrypted", path + ".RootVolume");
            }
        }

        public void Iam(YamlMappingNode owner, string path)
        {
            if (Map(owner, "Iam", path) is not { } iam) return;
            Keys(iam, path + ".Iam", ["S3Access", "AdditionalIamPolicies", "InstanceRole", "InstanceProfile"]);
            var s3 = List(iam, "S3Access", path + ".Iam");
            if (s3 is not null && (iam.Children.ContainsKey("InstanceRole") || iam.Children.ContainsKey("InstanceProfile")))
                errors.Add($"{path}.Iam: S3Access cannot be used with InstanceRole or InstanceProfile");
            foreach (var e in s3?.Children ?? [])
            {
                if (e is not YamlMappingNode m) { errors.Add($"{path}.Iam.S3Access: items must be mappings"); continue; }
                Keys(m, path + ".Iam.S3Access", ["BucketName", "KeyName", "EnableWriteAccess"], required: ["BucketName"]);
                Match(m, "BucketName", path + ".Iam.S3Access", Bucket);
                Bool(m, "EnableWriteAccess", path + ".Iam.S3Access");
            }
        }

        public void CustomActions(YamlMappingNode owner, string path, string[] events)
        {
            if (Map(owner, "CustomActions", path) is not { } ca) return;
            Keys(ca, path + ".CustomActions", events);
            foreach (var ev in events)
            {
                if (Map(ca, ev, path + ".CustomActions") is not { } action) continue;
                var p = $"{path}.CustomActions.{ev}";
                var hasScript = action.Children.ContainsKey("Script");
                var hasSequence = action.Children.ContainsKey("Sequence");
                if (hasScript == hasSequence) errors.Add($"{p}: either Script or Sequence, not both and not neither");
                Keys(action, p, hasSequence ? ["Sequence"] : ["Script", "Args"]);
                var scripts = hasSequence ? (List(action, "Sequence", p)?.Children.OfType<YamlMappingNode>().ToList() ?? []) : [action];
                foreach (var s in scripts)
                {
                    Keys(s, p, ["Script", "Args"], required: ["Script"]);
                    Str(s, "Script", p);
                    if (List(s, "Args", p) is { } args)
                        foreach (var a in args.Children)
                            if (a is not YamlScalarNode) errors.Add($"{p}.Args: items must be strings");
                }
            }
        }

        public void SharedStorage(YamlSequenceNode storage)
        {
            var dirs = new List<string>();
            var names = new List<string>();
            int ebs = 0, newEfs = 0, newFsx = 0;
            for (var i = 0; i < storage.Children.Count; i++)
            {
                var p = $"SharedStorage[{i}]";
                if (storage.Children[i] is not YamlMappingNode s) { errors.Add($"{p}: not a mapping"); continue; }
                Keys(s, p, ["MountDir", "Name", "StorageType", "EbsSettings", "EfsSettings", "FsxLustreSettings", "FsxOpenZfsSettings",
                    "FsxOntapSettings", "FileCacheSettings"], required: ["MountDir", "Name", "StorageType"]);
                var type = Enum(s, "StorageType", p, ["Ebs", "FsxLustre", "FsxOpenZfs", "FsxOntap", "Efs", "FileCache"]);
                var dir = Match(s, "MountDir", p, "^/?[^/.\\\\][^\\\\]*$");
                if (dir is not null)
                {
                    if (dir is "NONE" or "/NONE") errors.Add($"{p}.MountDir: NONE is not allowed");
                    var norm = "/" + dir.Trim('/');
                    if (Reserved.Contains(norm)) errors.Add($"{p}.MountDir: {dir} is a reserved directory");
                    dirs.Add(norm);
                }
                if (Str(s, "Name", p) is { } name)
                {
                    if (name.Length > 30) errors.Add($"{p}.Name: longer than 30 characters");
                    if (!Regex.IsMatch(name, "^([\\w+\\-=._:@/]{0,256})$")) errors.Add($"{p}.Name: bad characters");
                    if (name == "default") errors.Add($"{p}.Name: 'default' is reserved");
                    names.Add(name);
                }
                var settingsKeys = s.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).Where(k => k.EndsWith("Settings")).ToList();
                if (settingsKeys.Count > 1 || settingsKeys.Count == 1 && settingsKeys[0] != type + "Settings")
                    errors.Add($"{p}: settings do not match StorageType {type}");
                switch (type)
                {
                    case "Ebs":
                        ebs++;
                        if (Map(s, "EbsSettings", p) is { } e)
                        {
                            Keys(e, p + ".EbsSettings", ["VolumeType", "Size", "Iops", "Throughput", "Encrypted", "KmsKeyId", "SnapshotId", "VolumeId", "Raid", "DeletionPolicy"]);
                            Enum(e, "VolumeType", p + ".EbsSettings", ["standard", "io1", "io2", "gp2", "st1", "sc1", "gp3"]);
                            Int(e, "Size", p + ".EbsSettings");
                            Int(e, "Iops", p + ".EbsSettings");
                            Int(e, "Throughput", p + ".EbsSettings");
                            Bool(e, "Encrypted", p + ".EbsSettings");
                            Match(e, "SnapshotId", p + ".EbsSettings", Snap);
                            Enum(e, "DeletionPolicy", p + ".EbsSettings", ["Delete", "Retain", "Snapshot"]);
                        }
                        break;
                    case "Efs":
                        if (Map(s, "EfsSettings", p) is { } f && f.Children.ContainsKey("FileSystemId"))
                            Keys(f, p + ".EfsSettings", ["FileSystemId", "EncryptionInTransit", "IamAuthorization", "AccessPointId"]);
                        else
                        {
                            newEfs++;
                            if (Map(s, "EfsSettings", p) is { } nf)
                            {
                                Keys(nf, p + ".EfsSettings", ["Encrypted", "KmsKeyId", "PerformanceMode", "ThroughputMode", "ProvisionedThroughput", "DeletionPolicy", "EncryptionInTransit", "IamAuthorization"]);
                                Enum(nf, "DeletionPolicy", p + ".EfsSettings", ["Delete", "Retain"]);
                            }
                        }
                        break;
                    case "FsxLustre":
                        if (Map(s, "FsxLustreSettings", p) is { } x && x.Children.ContainsKey("FileSystemId"))
                        {
                            if (x.Children.Count > 1) errors.Add($"{p}.FsxLustreSettings: FileSystemId excludes every other key");
                            Match(x, "FileSystemId", p + ".FsxLustreSettings", "^fs-[0-9a-z]{17}$");
                        }
                        else
                        {
                            newFsx++;
                            if (Map(s, "FsxLustreSettings", p) is { } nx)
                            {
                                Enum(nx, "DeploymentType", p + ".FsxLustreSettings", ["SCRATCH_1", "SCRATCH_2", "PERSISTENT_1", "PERSISTENT_2"]);
                                Int(nx, "StorageCapacity", p + ".FsxLustreSettings");
                                Enum(nx, "DeletionPolicy", p + ".FsxLustreSettings", ["Delete", "Retain"]);
                            }
                        }
                        break;
                }
            }
            if (ebs > 5) errors.Add("SharedStorage: at most 5 EBS volumes");
            if (newEfs > 1) errors.Add("SharedStorage: at most 1 new EFS");
            if (newFsx > 1) errors.Add("SharedStorage: at most 1 new FSx");
            Duplicates(names, "SharedStorage");
            foreach (var dup in dirs.GroupBy(d => d).Where(g => g.Count() > 1)) errors.Add($"SharedStorage: duplicate MountDir {dup.Key}");
            foreach (var a in dirs) foreach (var b in dirs)
                if (a != b && b.StartsWith(a + "/", StringComparison.Ordinal)) errors.Add($"SharedStorage: {b} overlaps {a}");
        }
    }
}
