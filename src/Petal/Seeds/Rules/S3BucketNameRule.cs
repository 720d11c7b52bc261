using System.Buffers;
using System.Net;
using Petal.Common;

namespace Petal.Seeds.Rules;

/// <summary>AWS general-purpose bucket naming rules (docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html).</summary>
public sealed class S3BucketNameRule : SeedRule
{
    private static readonly SearchValues<char> BucketChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789.-");
    private static readonly string[] ReservedPrefixes = ["xn--", "sthree-", "amzn-s3-demo-"];
    private static readonly string[] ReservedSuffixes = ["-s3alias", "--ol-s3", "--x-s3", ".mrap", "--table-s3"];

    public override string Id => "S3-BUCKET-NAME";
    public override string Summary => "S3 bucket names follow AWS's rules: 3–63 characters, lowercase letters, digits, '.' and '-', alphanumeric ends, no '..', not an IP address, no reserved prefix or suffix.";

    public override IEnumerable<Diagnostic> Check(SeedRuleContext context)
    {
        for (var i = 0; i < context.Seed.Data.S3Mounts.Count; i++)
        {
            var path = $"data.s3_mounts[{i}].bucket";
            if (context.Has(path) && Problem(context.Seed.Data.S3Mounts[i].Bucket) is { } problem)
                yield return Report(context, path, $"'{context.Seed.Data.S3Mounts[i].Bucket}' is not a valid S3 bucket name: {problem}",
                    "write the bucket name only (no s3:// or path), as shown in the S3 console");
        }
    }

    /// <summary>Why <paramref name="bucket"/> breaks a naming rule, or null when it is valid.</summary>
    public static string? Problem(string bucket)
    {
        if (bucket.StartsWith("s3://", StringComparison.Ordinal)) return "it has an s3:// prefix";
        if (bucket.Length is < 3 or > 63) return $"it has {bucket.Length} characters (3–63 allowed)";
        if (bucket.AsSpan().IndexOfAnyExcept(BucketChars) is var bad and >= 0)
            return $"{ShellSafetyRule.Show(bucket[bad])} is not allowed (lowercase letters, digits, '.' and '-' only)";
        if (!char.IsAsciiLetterOrDigit(bucket[0]) || !char.IsAsciiLetterOrDigit(bucket[^1])) return "it must start and end with a letter or digit";
        if (bucket.Contains("..")) return "it has two adjacent periods";
        if (bucket.Contains(".-") || bucket.Contains("-.")) return "a period next to a hyphen is not allowed";
        if (bucket.Count(c => c == '.') == 3 && IPAddress.TryParse(bucket, out _)) return "it is formatted as an IP address";
        if (ReservedPrefixes.FirstOrDefault(bucket.StartsWith) is { } prefix) return $"the prefix '{prefix}' is reserved";
        if (ReservedSuffixes.FirstOrDefault(bucket.EndsWith) is { } suffix) return $"the suffix '{suffix}' is reserved";
        return null;
    }
}
