namespace Petal.Garden.Matching;

/// <summary>What a successful match accumulates for grading, kept in a struct so matching does not allocate.</summary>
internal struct FitTally
{
    public bool Compatible;
    public double FitSum;
    public int FitCount;

    /// <summary>Records that <paramref name="needed"/> of <paramref name="available"/> were used.</summary>
    public void Fit(long needed, long available)
    {
        FitSum += available <= 0 ? 1 : (double)needed / available;
        FitCount++;
    }

    public void Merge(in FitTally other)
    {
        Compatible |= other.Compatible;
        FitSum += other.FitSum;
        FitCount += other.FitCount;
    }

    public double Score(bool compatible)
    {
        var fit = FitCount == 0 ? 1 : FitSum / FitCount;
        var score = compatible ? 0.01 + 0.48 * fit : 0.5 + 0.5 * fit;
        return Math.Round(score, 4);
    }
}
