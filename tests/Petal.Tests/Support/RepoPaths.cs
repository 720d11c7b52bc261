namespace Petal.Tests.Support;

/// <summary>Locates the repository root (the folder with Petal.sln) and the shared/ folder beside it.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// The shared/ folder (conformance corpora, AWS data): ../shared next to the repository, or next to
    /// a parent folder when the repository is a git worktree (e.g. /work/wt/&lt;name&gt; → /work/shared).
    /// </summary>
    public static string Shared { get; } = FindShared();

    public static string Seeds => Path.Combine(Root, "seeds");

    private static string FindShared()
    {
        for (var dir = new DirectoryInfo(Root).Parent; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(candidate)) return candidate;
        }
        return Path.GetFullPath(Path.Combine(Root, "..", "shared"));
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Petal.sln"))) return dir.FullName;
        throw new InvalidOperationException("Petal.sln not found above " + AppContext.BaseDirectory);
    }
}
