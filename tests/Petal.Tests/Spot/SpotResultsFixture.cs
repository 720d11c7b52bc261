using Petal.Spot.Runs;
using Petal.Spot.Selection;

namespace Petal.Tests.Spot;

/// <summary>Hand-made batch results (two experiments, one reclaim) for report and estimate tests.</summary>
public static class SpotResultsFixture
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static SpotCandidate Candidate(string type, decimal price, decimal? min = null, decimal? max = null) => new()
    {
        InstanceType = type, Family = type.Split('.')[0], Architecture = "x86_64", Vcpus = 32, Cores = 16, ThreadsPerCore = 2,
        MemoryMib = 65536, SpotPrice = price, SpotMin = min, SpotMax = max, ZoneCount = min is null ? 0 : 3,
    };

    public static BatchResult Batch(string name, int batch, double[] seconds, bool reclaim)
    {
        var start = T0.AddHours(batch - 1);
        var iterations = seconds.Select((s, i) => new IterationRecord
        {
            Number = i + 1, Tag = $"{name}-{batch}-{i + 1}", JobId = $"{batch}{i}", State = IterationState.Completed,
            Requeues = reclaim && i == 0 ? 1 : 0, StartedAt = start.AddMinutes(i * 5 + 1), EndedAt = start.AddMinutes(i * 5 + 1).AddSeconds(s),
            WallSeconds = s, NodeNames = [i % 2 == 0 ? "n1" : "n2"],
        }).ToList();
        return new BatchResult
        {
            Name = name, Batch = batch, ClusterName = "c", Region = "us-east-1", Queue = "spot", Nodes = 1, Seed = batch,
            Choose = SpotChoice.Random, PriceSource = SpotPriceSource.CatalogEstimate, Vars = new Dictionary<string, string> { ["NP"] = "2" },
            MachineTypes = ["c6i.8xlarge", "m6i.8xlarge"],
            SelectedForRequest = [Candidate("c6i.8xlarge", 0.5m), Candidate("m6i.8xlarge", 0.6m)],
            Candidates = [Candidate("c6i.8xlarge", 0.5m, 0.4m, 0.6m), Candidate("m6i.8xlarge", 0.6m), Candidate("r6i.8xlarge", 0.7m)],
            Topology = [new NodeRecord("n1", "c6i.8xlarge", "us-east-1a", "us-east-1", start, reclaim ? start.AddMinutes(2) : null),
                        new NodeRecord("n2", "m6i.8xlarge", "us-east-1b", "us-east-1", start.AddMinutes(3), null)],
            Iterations = iterations,
            Reclaims = reclaim ? [new ReclaimRecord("n1", "c6i.8xlarge", start.AddMinutes(2), 1, "n2", "m6i.8xlarge")] : [],
            Times = new Dictionary<string, double> { ["select"] = 0.01 },
            NodeHours = [new NodeHours("c6i.8xlarge", "us-east-1a", 0.5, 0.5m, 0.25m)],
            Cost = 0.25m, StartedAt = start, FinishedAt = start.AddMinutes(30),
        };
    }

    public static void WriteTo(string dir, params BatchResult[] results)
    {
        foreach (var r in results) ResultFiles.Write(Path.Combine(dir, r.Name, $"batch-{r.Batch}", ResultFiles.FileName), r);
    }
}
