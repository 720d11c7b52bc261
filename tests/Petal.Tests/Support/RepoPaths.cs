namespace Petal.Tests.Support;

/// <summary>Locates the repository root (the folder with Petal.sln) and the shared/ folder beside it.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// shared/ (conformance corpora, AWS data): PETAL_SHARED_DIR, else ../shared beside the repository
    /// (CI's clean clone), else the nearest shared/ further up (a git worktree lives one level deeper).
    /// </summary>
    public static string Shared { get; } = FindShared();

    public static string SharedAwsData => Path.Combine(Shared, "data", "aws");

    public static string RainbowConformance => Path.Combine(Shared, "conformance", "rainbow");

    public static string Seeds => Path.Combine(Root, "seeds");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Petal.sln"))) return dir.FullName;
        throw new InvalidOperationException("Petal.sln not found above " + AppContext.BaseDirectory);
    }

    private static string FindShared()
    {
        if (Environment.GetEnvironmentVariable("PETAL_SHARED_DIR") is { Length: > 0 } set) return set;
        for (var dir = new DirectoryInfo(Root).Parent; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "conformance"))) return candidate;
        }
        throw new InvalidOperationException($"shared/ (with conformance/) not found above {Root}; set PETAL_SHARED_DIR");
    }
}
