using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Petal.Common;

namespace Petal.Spot.Runs;

/// <summary>The batch being run: enough to carry on after Ctrl-C from the next iteration.</summary>
public sealed record BatchProgress
{
    public required string Experiment { get; init; }
    public required int Batch { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public double ConfigureSeconds { get; init; }
    public List<IterationRecord> Iterations { get; init; } = [];
    public List<NodeRecord> Topology { get; init; } = [];
    public List<ReclaimRecord> Reclaims { get; init; } = [];
    /// <summary>The job in flight when the run stopped; cancelled and re-run on resume.</summary>
    public string? PendingJob { get; set; }
}

/// <summary>
/// run-state.json in the results directory: which plan (by content hash) on which cluster, the batches
/// done, and the batch in progress. Re-running with the same --out resumes from it.
/// </summary>
public sealed record RunState
{
    public const string FileName = "run-state.json";

    public required string PlanHash { get; init; }
    public required string Cluster { get; init; }
    public List<string> CompletedBatches { get; init; } = [];
    public BatchProgress? Current { get; set; }

    public static string Key(string experiment, int batch) => $"{experiment}/{batch}";

    public static string Hash(string planText) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(planText)))[..16].ToLowerInvariant();

    /// <summary>The saved state of this plan and cluster, a fresh one, or a user error when --out holds another run.</summary>
    public static RunState LoadOrCreate(string outDir, string planHash, string cluster)
    {
        var path = Path.Combine(outDir, FileName);
        if (!File.Exists(path)) return new RunState { PlanHash = planHash, Cluster = cluster };
        var state = JsonSerializer.Deserialize<RunState>(File.ReadAllText(path), ResultFiles.Json)
            ?? throw new UserInputException($"{path} is empty; remove it to start the run again");
        if (state.PlanHash != planHash || state.Cluster != cluster)
            throw new UserInputException($"{outDir} holds a run of another plan or cluster ({state.Cluster}); choose another --out, or remove {path} to start over");
        return state;
    }

    public void Save(string outDir)
    {
        Directory.CreateDirectory(outDir);
        var path = Path.Combine(outDir, FileName);
        File.WriteAllText(path + ".tmp", JsonSerializer.Serialize(this, ResultFiles.Json));
        File.Move(path + ".tmp", path, overwrite: true);
    }
}
