namespace Petal.Tests.Support;

/// <summary>Locates the repository root (the folder with Petal.sln) and the test corpora committed under tests/corpora.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>tests/corpora: conformance corpora and source data copied into the repository (each folder's README gives provenance and license).</summary>
    public static string Corpora => Path.Combine(Root, "tests", "corpora");

    /// <summary>The EC2 source data tools/CatalogGen turns into the embedded catalog.</summary>
    public static string AwsData => Path.Combine(Corpora, "aws");

    public static string RainbowConformance => Path.Combine(Corpora, "rainbow");

    public static string SpackConformance => Path.Combine(Corpora, "spack", "specs.expected.jsonl");

    public static string Seeds => Path.Combine(Root, "seeds");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Petal.sln"))) return dir.FullName;
        throw new InvalidOperationException("Petal.sln not found above " + AppContext.BaseDirectory);
    }
}
