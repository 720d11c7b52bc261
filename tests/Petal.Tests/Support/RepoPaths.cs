namespace Petal.Tests.Support;

/// <summary>Locates the repository root (the folder with Petal.sln) and the shared/ folder beside it.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>../shared next to the repository (conformance corpora, AWS data).</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string Seeds => Path.Combine(Root, "seeds");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Petal.sln"))) return dir.FullName;
        throw new InvalidOperationException("Petal.sln not found above " + AppContext.BaseDirectory);
    }
}
