using Petal.Common;
using Petal.Spot.Runs;

namespace Petal.Spot.Estimates;

/// <summary>Run time per iteration measured in earlier results (every result.json under a directory).</summary>
public static class RuntimeHistory
{
    public sealed record Measured(double MeanSeconds, int Iterations);

    public static IReadOnlyDictionary<string, Measured> Read(string directory)
    {
        if (!Directory.Exists(directory)) throw new UserInputException($"results directory {directory} does not exist");
        return ResultFiles.ReadAll(directory)
            .SelectMany(r => r.Iterations.Where(i => i.State == IterationState.Completed && i.WallSeconds is > 0).Select(i => (r.Name, i.WallSeconds!.Value)))
            .GroupBy(x => x.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new Measured(g.Average(x => x.Item2), g.Count()), StringComparer.Ordinal);
    }
}
