using System.Text.RegularExpressions;

namespace Petal.Common;

/// <summary>
/// One value shape: a character pattern (anchored at both ends of the whole input with <c>^…\z</c>: .NET's
/// <c>$</c> also matches before a final "\n", so "name\n" would pass), an optional length bound and
/// reserved words. <see cref="IsMatch"/> checks all three; <see cref="Regex"/> is the character pattern
/// alone, for rules that explain which part is wrong. <see cref="JsonSchema"/> is the same pattern in
/// JSON Schema's ECMA form (where <c>$</c> is the end of input).
/// The regex is built on first use and interpreted, not <c>RegexOptions.Compiled</c>: a process matches a few short
/// values, and compiling emitted IL and JIT-compiled it for every pattern at start-up of every command
/// (docs/performance.md).
/// </summary>
public sealed class NamePattern
{
    public NamePattern(string name, string body, int? maxLength = null, IReadOnlyList<string>? reserved = null)
    {
        Name = name;
        Body = body;
        MaxLength = maxLength;
        Reserved = reserved ?? [];
        _regex = new Lazy<Regex>(() => new Regex($"^(?:{body})\\z", RegexOptions.CultureInvariant));
    }

    private readonly Lazy<Regex> _regex;

    /// <summary>What the value is, for messages ("queue name").</summary>
    public string Name { get; }

    /// <summary>The pattern without anchors.</summary>
    public string Body { get; }

    public int? MaxLength { get; }

    public IReadOnlyList<string> Reserved { get; }

    /// <summary>The character pattern alone, anchored <c>^(?:…)\z</c>.</summary>
    public Regex Regex => _regex.Value;

    /// <summary>The pattern as JSON Schema (ECMA-262) writes it.</summary>
    public string JsonSchema => $"^{Body}$";

    public bool IsMatch(string? value) =>
        value is not null && Regex.IsMatch(value) && (MaxLength is not { } max || value.Length <= max) && !Reserved.Contains(value);

    public override string ToString() => Regex.ToString();
}

/// <summary>
/// Every name, id and version shape petal accepts, defined once (docs/architecture.md "Rules and patterns"):
/// the seed rules, the JSON Schema `petal schema` prints, the plan's input guard, spot plans, the CLI and
/// the providers use these. ParallelCluster's own shapes follow its 3.12 schema and validators
/// (cli/src/pcluster/constants.py, schemas/*.py, validators/cluster_validators.py).
/// </summary>
public static class Patterns
{
    /// <summary>ParallelCluster's PCLUSTER_NAME_REGEX with PCLUSTER_NAME_MAX_LENGTH 60.</summary>
    public static readonly NamePattern ClusterName = new("cluster name", "[a-zA-Z][a-zA-Z0-9-]{0,59}");

    /// <summary>ParallelCluster's NAME_REGEX for queues and compute resources (NameValidator: at most 25, not 'default').</summary>
    public static readonly NamePattern QueueName = new("queue name", "[a-z][a-z0-9-]*", 25, ["default"]);

    /// <summary>A local twin's name: it becomes host account, socket and path names (docs/local-twin.md).</summary>
    public static readonly NamePattern TwinName = new("twin name", "[a-z][a-z0-9-]{0,31}");

    /// <summary>AWS region codes, including GovCloud and ISO partitions (us-gov-west-1, us-isob-east-1).</summary>
    public static readonly NamePattern Region = new("region", "[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-[0-9]{1,2}");

    public static readonly NamePattern InstanceType = new("instance type", "[a-z0-9][a-z0-9-]*\\.[a-z0-9-]+");

    /// <summary>Portable Linux user names (useradd's default NAME_REGEX, at most 32).</summary>
    public static readonly NamePattern UserName = new("user name", "[a-z_][a-z0-9_-]{0,31}");

    /// <summary>ParallelCluster's tag-value regex for storage names, ASCII only (the name reaches bash), at most 30, not 'default'.</summary>
    public static readonly NamePattern StorageName = new("storage name", "[A-Za-z0-9_+=.:@/-]{1,30}", 30, ["default"]);

    /// <summary>An absolute directory of plain characters (normalisation and reserved dirs are rules of their own).</summary>
    public static readonly NamePattern MountPath = new("mount path", "/[A-Za-z0-9._/-]*");

    /// <summary>S3 general-purpose bucket names (the remaining AWS naming rules: Seeds/Rules/S3BucketNameRule).</summary>
    public static readonly NamePattern S3Bucket = new("S3 bucket name", "[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    /// <summary>
    /// An S3 location, s3://BUCKET or s3://BUCKET/PREFIX (FSx for Lustre ImportPath/ExportPath): the bucket as
    /// <see cref="S3Bucket"/>, the prefix of plain key characters.
    /// </summary>
    public static readonly NamePattern S3Uri = new("S3 location", "s3://" + S3Bucket.Body + "(?:/[A-Za-z0-9._=/-]*)?", 1024);

    /// <summary>The bucket of an <see cref="S3Uri"/> ("s3://b/p" → "b").</summary>
    public static string S3UriBucket(string uri) => uri.StartsWith("s3://", StringComparison.Ordinal) ? uri[5..].Split('/')[0] : uri;

    public static readonly NamePattern SubnetId = new("subnet id", "subnet-(?:[0-9a-z]{8}|[0-9a-z]{17})");
    public static readonly NamePattern AmiId = new("AMI id", "ami-(?:[0-9a-z]{8}|[0-9a-z]{17})");
    public static readonly NamePattern SnapshotId = new("snapshot id", "snap-(?:[0-9a-z]{8}|[0-9a-z]{17})");
    public static readonly NamePattern VolumeId = new("volume id", "vol-(?:[0-9a-z]{8}|[0-9a-z]{17})");
    public static readonly NamePattern SecurityGroupId = new("security group id", "sg-(?:[0-9a-z]{8}|[0-9a-z]{17})");

    /// <summary>EFS file system ids (ParallelCluster's EfsSettings.FileSystemId: 8 or 17 characters).</summary>
    public static readonly NamePattern EfsId = new("EFS file system id", "fs-(?:[0-9a-z]{8}|[0-9a-z]{17})");

    /// <summary>FSx file system ids: always 17 characters (ParallelCluster's FsxLustreSettings.FileSystemId).</summary>
    public static readonly NamePattern FsxId = new("FSx file system id", "fs-[0-9a-z]{17}");

    /// <summary>EC2 key pair names (printable ASCII petal allows: no quotes, no shell metacharacters).</summary>
    public static readonly NamePattern KeyName = new("EC2 key pair name", "[A-Za-z0-9 ._+=,@-]{1,255}");

    /// <summary>A Spack release, MAJOR.MINOR[.PATCH]; 'develop' is not accepted (docs/seed-format.md).</summary>
    public static readonly NamePattern SpackVersion = new("Spack version", "[0-9]+\\.[0-9]+(?:\\.[0-9]+)?");

    public static readonly NamePattern ParallelClusterVersion = new("ParallelCluster version", "3\\.[0-9]+\\.[0-9]+");

    /// <summary>
    /// A Slurm accounting database endpoint, host[:port] (seed scheduler.accounting.uri, ParallelCluster Database.Uri):
    /// a DNS name or IPv4 address, no scheme. The port range is Pcluster/DatabaseEndpoint's.
    /// </summary>
    public static readonly NamePattern DatabaseUri = new("database URI", "[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?(?::[0-9]{1,5})?");

    /// <summary>A MySQL/MariaDB account name petal accepts: at most 32 characters (MySQL's and RDS's limit), no quotes.</summary>
    public static readonly NamePattern DatabaseUser = new("database user name", "[A-Za-z_][A-Za-z0-9_]{0,31}");

    /// <summary>A MySQL/MariaDB database name slurmdbd can create unquoted: at most 64 characters (MySQL's identifier limit).</summary>
    public static readonly NamePattern DatabaseName = new("database name", "[A-Za-z_][A-Za-z0-9_]{0,63}");

    /// <summary>
    /// A Secrets Manager secret ARN: arn:PARTITION:secretsmanager:REGION:ACCOUNT:secret:NAME (NAME as Secrets Manager
    /// allows it, plus the 6-character suffix AWS appends). ParallelCluster's own schema only asks for ^arn:.*:secret.
    /// </summary>
    public static readonly NamePattern SecretsManagerArn = new("Secrets Manager secret ARN",
        $"arn:aws(?:-cn|-us-gov|-iso|-iso-b)?:secretsmanager:{Region.Body}:[0-9]{{12}}:secret:[A-Za-z0-9/_+=.@-]{{1,512}}");

    /// <summary>Names that become file, folder, job or partition names (spot experiments, garden clusters, Slurm jobs).</summary>
    public static readonly NamePattern Label = new("name", "[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /// <summary>Spot job-template placeholder names and values (pasted into job scripts).</summary>
    public static readonly NamePattern TemplateVariable = new("placeholder name", "[A-Z][A-Z0-9_]*");
    public static readonly NamePattern TemplateValue = new("placeholder value", "[A-Za-z0-9._\\-/:=+,]{1,200}");

    /// <summary>
    /// Cost-allocation tag keys and values (ParallelCluster TagSchema: key at most 128, value at most 256 characters), in
    /// the characters every AWS service accepts in tags. Keys starting with "parallelcluster:" are ParallelCluster's own.
    /// </summary>
    public static readonly NamePattern TagKey = new("tag key", "[A-Za-z0-9 _.:/=+@-]{1,128}");
    public static readonly NamePattern TagValue = new("tag value", "[A-Za-z0-9 _.:/=+@-]{0,256}");

    /// <summary>Every pattern above, for tests and documentation.</summary>
    public static IReadOnlyList<NamePattern> All =>
    [
        ClusterName, QueueName, TwinName, Region, InstanceType, UserName, StorageName, MountPath, S3Bucket, S3Uri,
        SubnetId, AmiId, SnapshotId, VolumeId, SecurityGroupId, EfsId, FsxId, KeyName, SpackVersion,
        ParallelClusterVersion, Label, TemplateVariable, TemplateValue, TagKey, TagValue,
        DatabaseUri, DatabaseUser, DatabaseName,
        SecretsManagerArn,
    ];
}
