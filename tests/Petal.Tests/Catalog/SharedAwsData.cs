namespace Petal.Tests.Catalog;

/// <summary>
/// shared/data/aws: ../shared beside the repository (CI), or beside any folder above it (a
/// worktree under wt/ shares the checkout's shared/).
/// </summary>
internal static class SharedAwsData
{
    public static string? Directory { get; } = Find();

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(Support.RepoPaths.Root).Parent; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "aws");
            if (File.Exists(Path.Combine(candidate, "instance-types.json.gz"))) return candidate;
        }
        return null;
    }
}
