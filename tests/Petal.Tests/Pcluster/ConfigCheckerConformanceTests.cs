using System.Text.Json;
using Petal.Catalog;
using Petal.Pcluster.Checking;
using Petal.Tests.Support;

namespace Petal.Tests.Pcluster;

/// <summary>
/// tests/corpora/pcluster: 200 configs with ParallelCluster 3.12's own offline answers. The checker must refuse
/// exactly the configs ParallelCluster refuses, with the same findings per validator (and per field for schema
/// errors), and accept the rest. Wording may differ; the rule and the count may not.
/// </summary>
public class ConfigCheckerConformanceTests
{
    public sealed record Entry(string Id, string Config, bool Ok, IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings);

    private static readonly Lazy<IReadOnlyList<Entry>> Corpus = new(() =>
        File.ReadLines(Path.Combine(RepoPaths.Corpora, "pcluster", "configs.expected.jsonl"))
            .Where(l => l.Length > 0)
            .Select(l => JsonSerializer.Deserialize<Entry>(l, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!)
            .ToList());

    /// <summary>
    /// Entries where petal is knowingly stricter (docs/plans.md, "ParallelCluster rule book"): ParallelCluster reports
    /// no EbsVolumeTypeSizeValidator for an sc1 volume without Size here, while it does in gen-r101-seed-0127.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string> Stricter = new Dictionary<string, string>
    {
        ["gen-r101-seed-0116"] = "EbsVolumeTypeSizeValidator",
    };

    public static TheoryData<string> Ids() => new(Corpus.Value.Select(e => e.Id));

    [Fact]
    public void The_corpus_is_all_there()
    {
        Assert.Equal(200, Corpus.Value.Count);
        Assert.Equal(Corpus.Value.Count, Corpus.Value.Select(e => e.Id).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Refuses_exactly_what_ParallelCluster_refuses_for_the_same_reason(string id)
    {
        var entry = Corpus.Value.Single(e => e.Id == id);
        var findings = ConfigChecker.Check(entry.Config, EmbeddedCatalog.LoadEmbedded());
        var actual = findings.Where(f => f.IsError).Select(Key).Order(StringComparer.Ordinal).ToList();
        var expected = entry.Errors.Select(Key).Concat(Stricter.TryGetValue(id, out var extra) ? [extra] : []).Order(StringComparer.Ordinal).ToList();
        Assert.True(expected.SequenceEqual(actual),
            $"{id}: ParallelCluster says\n  {string.Join("\n  ", entry.Errors)}\npetal says\n  {string.Join("\n  ", findings.Where(f => f.IsError))}");
        Assert.Equal(entry.Ok && !Stricter.ContainsKey(id), findings.All(f => !f.IsError));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Warns_with_the_same_validators_as_ParallelCluster(string id)
    {
        var entry = Corpus.Value.Single(e => e.Id == id);
        var findings = ConfigChecker.Check(entry.Config, EmbeddedCatalog.LoadEmbedded());
        // "catalog:" lines are the corpus harness's own notes, not ParallelCluster's.
        var expected = entry.Warnings.Where(w => !w.StartsWith("catalog:", StringComparison.Ordinal)).Select(Key).ToHashSet();
        var actual = findings.Where(f => !f.IsError).Select(Key).ToHashSet();
        Assert.True(expected.SetEquals(actual), $"{id}: ParallelCluster warns {string.Join(", ", expected)}; petal warns {string.Join(", ", actual)}");
    }

    /// <summary>The validator's name; for schema errors also the field.</summary>
    private static string Key(string message)
    {
        var parts = message.Split(": ", 3);
        return parts[0] == ConfigChecker.SchemaRule && parts.Length > 2 ? parts[0] + ": " + parts[1] : parts[0];
    }

    private static string Key(ConfigFinding f) => Key(f.ToString());
}
