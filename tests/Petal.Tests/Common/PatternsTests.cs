using System.Reflection;
using System.Text.RegularExpressions;
using Petal.Common;
using Petal.Tests.Support;

namespace Petal.Tests.Common;

/// <summary>The one definitions file: every pattern accepts a valid value and refuses it with a trailing newline (issue 13).</summary>
public class PatternsTests
{
    /// <summary>A valid value per pattern, at its longest where it has a bound.</summary>
    private static readonly Dictionary<string, string> Valid = new()
    {
        ["cluster name"] = "a" + new string('b', 59),
        ["queue name"] = "compute-" + new string('x', 17),
        ["twin name"] = "t" + new string('w', 31),
        ["region"] = "us-gov-west-1",
        ["instance type"] = "c6in.32xlarge",
        ["user name"] = "_" + new string('u', 31),
        ["storage name"] = "a+b=c.d_e:f@g/h-" + new string('s', 14),
        ["mount path"] = "/data/ref.v1_x-y",
        ["S3 bucket name"] = "my.bucket-1",
        ["S3 location"] = "s3://my.bucket-1/in/year=2024/run_1.v2",
        ["subnet id"] = "subnet-0123456789abcdef0",
        ["AMI id"] = "ami-12345678",
        ["snapshot id"] = "snap-0123456789abcdef0",
        ["volume id"] = "vol-0123456789abcdef0",
        ["security group id"] = "sg-12345678",
        ["EFS file system id"] = "fs-12345678",
        ["FSx file system id"] = "fs-0123456789abcdef0",
        ["EC2 key pair name"] = "my key_1@x",
        ["Spack version"] = "0.23.1",
        ["ParallelCluster version"] = "3.12.0",
        ["name"] = "run.4x32_vcpu-1",
        ["placeholder name"] = "NP_1",
        ["placeholder value"] = "a/b:c=d+e,f.g_h-1",
        ["tag key"] = "cost-center:team/A_1.x=y+z@w " + new string('k', 99),
        ["tag value"] = "v 1_.:/=+@-" + new string('v', 245),
        ["database URI"] = "slurmdb.cluster-c1a2b3.us-east-1.rds.amazonaws.com:3306",
        ["database user name"] = "_" + new string('u', 31),
        ["database name"] = "d" + new string('b', 63),
        ["Secrets Manager secret ARN"] = "arn:aws-us-gov:secretsmanager:us-gov-west-1:123456789012:secret:petal/slurm_db+x=y.z@w-AbCdEf",
    };

    public static TheoryData<string> Names() => [.. Patterns.All.Select(p => p.Name)];

    private static NamePattern Get(string name) => Patterns.All.Single(p => p.Name == name);

    [Theory]
    [MemberData(nameof(Names))]
    public void Valid_value_passes_and_a_trailing_newline_does_not(string name)
    {
        // AWS tag values may be empty; every other value must not.
        Assert.Equal(name == "tag value", Get(name).IsMatch(""));
        var pattern = Get(name);
        Assert.True(Valid.ContainsKey(name), $"add a valid example for the pattern '{name}'");
        var value = Valid[name];
        Assert.True(pattern.IsMatch(value), $"{name}: '{value}' should match {pattern}");
        foreach (var bad in new[] { value + "\n", value + "\r\n", "\n" + value, value + "\0" })
            Assert.False(pattern.IsMatch(bad), $"{name}: {Regex.Escape(bad)} should not match {pattern}");
        if (pattern.MaxLength is { } max)
            Assert.False(pattern.IsMatch(value + new string(value[^1], max)), $"{name}: longer than {max} should not match");
        foreach (var reserved in pattern.Reserved) Assert.False(pattern.IsMatch(reserved));
    }

    [Fact]
    public void All_lists_every_pattern_once()
    {
        var declared = typeof(Patterns).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(NamePattern)).Select(f => (NamePattern)f.GetValue(null)!).ToList();
        Assert.Equal(declared.Count, Patterns.All.Count);
        Assert.Equal(declared.ToHashSet(), Patterns.All.ToHashSet());
        Assert.Equal(Patterns.All.Count, Patterns.All.Select(p => p.Name).Distinct().Count());
    }

    [Fact]
    public void JSON_Schema_form_is_the_same_pattern_with_an_ECMA_end_anchor()
    {
        foreach (var p in Patterns.All)
        {
            Assert.Equal($"^{p.Body}$", p.JsonSchema);
            Assert.Equal($"^(?:{p.Body})\\z", p.Regex.ToString());
        }
    }

    /// <summary>No other file in src/ defines an anchored pattern that ends with .NET's '$' (which allows a final newline).</summary>
    [Fact]
    public void No_source_file_anchors_a_pattern_with_dollar()
    {
        var offenders = Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x => Regex.IsMatch(x.line, @"(GeneratedRegex|new Regex|Regex\.IsMatch|Regex\.Match)\(.*\$""\s*[,)]"))
            .Select(x => $"{Path.GetRelativePath(RepoPaths.Root, x.f)}:{x.i + 1}")
            .ToList();
        Assert.True(offenders.Count == 0, "anchor with \\z, or use Petal.Common.Patterns: " + string.Join(", ", offenders));
    }
}
