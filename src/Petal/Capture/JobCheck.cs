using Petal.Catalog;
using Petal.Garden.Descriptions;
using Petal.Garden.Matching;
using Petal.Seeds;

namespace Petal.Capture;

public sealed record JobVerdict(string File, bool Runs, string? Queue, IReadOnlyList<string> Reasons);

/// <summary>What a set of scripts needs from a seed: the largest node request and the Spack packages, and the
/// modules no Spack package provides.</summary>
public sealed record JobNeeds(int MaxNodes, long MaxCoresPerNode, int MaxGpusPerNode, long? MaxMemoryMbPerNode,
    IReadOnlyList<string> Packages, IReadOnlyList<string> UnmappedModules);

/// <summary>Whether a seed's cluster can run captured jobs: the garden matcher against the seed's description.</summary>
public static class JobCheck
{
    /// <summary>A script runs when each of its components (one for most) matches a queue; a heterogeneous job's
    /// reasons name the component ("component 2: ...") and its queues are listed in component order.</summary>
    public static IReadOnlyList<JobVerdict> Check(IReadOnlyList<CapturedJob> jobs, Seed seed, ICatalog catalog)
    {
        var cluster = ClusterDescriber.FromSeed(seed, catalog);
        return jobs.Select(j =>
        {
            var matches = j.Components.Select(c => GardenMatcher.MatchOne(c, cluster)).ToList();
            var runs = matches.All(m => m.Matched);
            var reasons = matches.SelectMany((m, i) => m.Matched ? [] : m.Reasons.Select(r => matches.Count == 1 ? r : $"component {i + 1}: {r}")).ToList();
            return new JobVerdict(j.Request.File, runs, runs ? string.Join(", ", matches.Select(m => m.Partition).Distinct()) : null, reasons);
        }).ToList();
    }

    public static JobNeeds Needs(IReadOnlyList<CapturedJob> jobs)
    {
        var components = jobs.SelectMany(j => j.Request.Components).ToList();
        return new JobNeeds(
            components.Select(c => c.Nodes).DefaultIfEmpty(0).Max(),
            components.Select(c => (long)(c.Tasks + c.Nodes - 1) / c.Nodes * c.CpusPerTask).DefaultIfEmpty(0).Max(),
            components.Select(c => c.GpusPerNode).DefaultIfEmpty(0).Max(),
            components.Select(c => c.MemoryMbPerNode).Max(),
            jobs.SelectMany(j => j.Packages).Distinct().Order(StringComparer.Ordinal).ToList(),
            jobs.SelectMany(j => j.Unmapped.Select(m => m.Module)).Distinct().Order(StringComparer.Ordinal).ToList());
    }
}
