using Petal.Verify.Phases;

namespace Petal.Verify;

/// <summary>What a test run cost: the head node for the whole run plus each job's nodes for as long as the job took.</summary>
public static class RunCostEstimator
{
    public static RunCost Estimate(VerifyTarget target, IReadOnlyList<JobUsage> jobs, TimeSpan duration)
    {
        var headHours = duration.TotalHours;
        var jobHours = jobs.Sum(j => j.Nodes * j.Elapsed.TotalHours);
        var dollars = (decimal)headHours * target.HeadPricePerHour
                      + jobs.Sum(j => (decimal)(j.Nodes * j.Elapsed.TotalHours) * target.QueuePricePerHour.GetValueOrDefault(j.Queue));
        return new RunCost(Math.Round(headHours + jobHours, 4), Math.Round(dollars, 4), target.CostBasis);
    }
}
