namespace Petal.Seeds.Loading;

/// <summary>Reads seed files with a size bound (a seed is a few kilobytes; a 1 GB file is a mistake).</summary>
public static class SeedFiles
{
    public const long MaxBytes = 1 << 20;

    public static bool TryRead(string path, out string text, out string problem)
    {
        text = "";
        problem = "";
        try
        {
            var info = new FileInfo(path);
            if (Directory.Exists(path)) problem = $"{path} is a directory, not a file";
            else if (!info.Exists) problem = $"{path} does not exist";
            else if (info.Length > MaxBytes) problem = $"{path} is larger than {MaxBytes / 1024} KiB";
            else text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = $"{path} cannot be read ({e.Message})";
        }
        return problem.Length == 0;
    }
}
