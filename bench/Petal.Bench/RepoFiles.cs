namespace Petal.Bench;

/// <summary>Finds repository files (seeds/, tests/corpora/) from wherever BenchmarkDotNet runs the benchmark.</summary>
internal static class RepoFiles
{
    /// <summary>The file or folder at <paramref name="relative"/> in the working or base directory or a folder above them.</summary>
    public static string Find(string relative)
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, relative);
                if (File.Exists(candidate) || Directory.Exists(candidate)) return candidate;
            }
        throw new FileNotFoundException($"{relative} not found above {Environment.CurrentDirectory} or {AppContext.BaseDirectory}");
    }
}
