using Petal.Common;
using Petal.Seeds.Loading;

namespace Petal.Seeds.Rules;

/// <summary>
/// Cost-allocation tags as ParallelCluster 3.12's TagSchema takes them (key at most 128, value at most 256 characters, no
/// key of its own 'parallelcluster:' prefix), in the characters every AWS service accepts; the count is the schema's bound.
/// </summary>
public sealed class TagsRule : SeedRule
{
    private static string ReservedPrefix => Pcluster.PclusterFacts.ReservedTagPrefix;
    /// <summary>AWS keeps tag keys starting with "aws:" for itself; EC2 refuses them.</summary>
    public const string AwsPrefix = "aws:";

    public override string Id => "TAGS";
    public override string Summary => "Tag keys have 1..128 and values 0..256 of the characters A-Z a-z 0-9 space _ . : / = + @ -; no key starts with 'parallelcluster:' or 'aws:'.";

    public override IEnumerable<Diagnostic> Check(SeedRuleContext context)
    {
        foreach (var tag in context.Seed.Tags)
        {
            var path = SeedPath.Child("tags", tag.Key);
            var keyAt = context.Seed.Locations.GetValueOrDefault(path + SchemaChecker.KeySuffix);
            if (!Patterns.TagKey.IsMatch(tag.Key))
                yield return Report(context, path, tag.Key.Length > 128
                        ? $"tag key has {tag.Key.Length} characters; at most 128 are allowed"
                        : $"tag key '{tag.Key}' has a character AWS tags do not take",
                    "keys use letters, digits, spaces and _ . : / = + @ -, at most 128 characters", at: keyAt);
            else if (tag.Key.StartsWith(ReservedPrefix, StringComparison.OrdinalIgnoreCase))
                yield return Report(context, path, $"tag key '{tag.Key}': the prefix '{ReservedPrefix}' is ParallelCluster's own",
                    "use another key, e.g. your organisation's prefix", at: keyAt);
            else if (tag.Key.StartsWith(AwsPrefix, StringComparison.OrdinalIgnoreCase))
                yield return Report(context, path, $"tag key '{tag.Key}': the prefix '{AwsPrefix}' is reserved by AWS",
                    "use another key, e.g. your organisation's prefix", at: keyAt);
            if (context.Has(path) && !Patterns.TagValue.IsMatch(tag.Value))
                yield return Report(context, path, tag.Value.Length > 256
                        ? $"tag value has {tag.Value.Length} characters; at most 256 are allowed"
                        : $"tag value '{tag.Value}' has a character AWS tags do not take",
                    "values use letters, digits, spaces and _ . : / = + @ -, at most 256 characters");
        }
    }
}
