namespace Petal.Plans;

/// <summary>The edge: writes a plan's files under a directory (scripts executable). Returns the paths written.</summary>
public static class PlanWriter
{
    public static IReadOnlyList<string> Write(Plan plan, string dir)
    {
        var written = new List<string>();
        foreach (var (relative, content) in plan.Files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var path = Path.Combine(dir, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content);
            if (relative.EndsWith(".sh", StringComparison.Ordinal) && !OperatingSystem.IsWindows())
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                    | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            written.Add(path);
        }
        return written;
    }
}
