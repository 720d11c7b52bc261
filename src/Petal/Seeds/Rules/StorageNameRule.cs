using Petal.Common;

namespace Petal.Seeds.Rules;

/// <summary>ParallelCluster's SharedStorageNameValidator (its tag-value regex, ASCII only here) plus uniqueness.</summary>
public sealed class StorageNameRule : SeedRule
{
    public override string Id => "STORAGE-NAME";
    public override string Summary => "Shared storage names have 1–30 of letters, digits and _+-=.:@/, are not 'default' and are unique.";

    public override IEnumerable<Diagnostic> Check(SeedRuleContext context)
    {
        var storage = context.Seed.SharedStorage;
        for (var i = 0; i < storage.Count; i++)
        {
            var path = $"shared_storage[{i}].name";
            var name = storage[i].Name;
            if (!context.Has(path)) continue;
            if (!Patterns.StorageName.Regex.IsMatch(name))
                yield return Report(context, path, $"'{name}' is not a valid storage name", "use at most 30 letters, digits and _+-=.:@/");
            else if (name == "default")
                yield return Report(context, path, "'default' is reserved by ParallelCluster", "name it after its use, e.g. 'scratch'");
        }
        foreach (var d in Duplicates.Find(storage.Select(s => s.Name), i => $"shared_storage[{i}].name", context))
            yield return Report(context, d.Path, $"storage '{d.Value}' is already defined at {d.First}", "give each storage its own name");
    }
}
