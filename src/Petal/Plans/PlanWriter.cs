using System.Text.Json;
using Petal.Common;

namespace Petal.Plans;

/// <summary>
/// The edge: writes a plan's files under a directory (scripts executable), as a complete, exact set. What an earlier
/// plan wrote there (the files its plan.json lists) is replaced, and only that; a folder holding anything else is
/// refused unless <c>force</c> (then an entry at a plan file's path is replaced, the others left alone). No symbolic link inside the folder is ever
/// followed: each file is created new (O_CREAT|O_EXCL, which refuses a link), and a linked folder on the way is refused.
/// Everything is checked before anything changes. Returns the paths written.
/// </summary>
public static class PlanWriter
{
    /// <summary>A plan.json is a few KiB; a larger one is not petal's.</summary>
    private const long MaxPlanJsonBytes = 1 << 20;

    public static IReadOnlyList<string> Write(Plan plan, string dir, bool force = false)
    {
        if (string.IsNullOrWhiteSpace(dir))
            throw new UserInputException("-o: the output folder is empty; give a directory, e.g. -o ./cluster-plan");
        var root = new DirectoryInfo(dir);
        if (!root.Exists && (File.Exists(dir) || root.LinkTarget is not null))
            throw new UserInputException($"-o {dir}: that is a file, not a directory; give a new or earlier plan folder");

        var earlier = root.Exists ? EarlierFiles(root.FullName) : [];
        var ours = earlier.ToHashSet(StringComparer.Ordinal);
        var oursDirs = ours.SelectMany(Ancestors).ToHashSet(StringComparer.Ordinal);
        var foreign = root.Exists ? Entries(root).Where(e => !(e.Info.LinkTarget is null
            && (e.Info is DirectoryInfo ? oursDirs.Contains(e.Relative) : ours.Contains(e.Relative) && IsPlainFile(e.Info)))).ToList() : [];
        if (foreign.Count > 0 && !force)
            throw new UserInputException($"-o {dir} holds entries no earlier `petal plan` wrote there: "
                + string.Join(", ", foreign.Take(5).Select(e => e.Relative + (e.Info.LinkTarget is null ? "" : " (a link)")))
                + (foreign.Count > 5 ? $" and {foreign.Count - 5} more" : "")
                + "; give a new or empty folder, or --force to write among them (one at a plan file's path is replaced, the others left as they are)");

        // From here on the folder changes. Links and odd entries in the way of a plan file go (the link, never its target).
        var needed = plan.Files.Keys.SelectMany(f => Ancestors(f).Append(f)).ToHashSet(StringComparer.Ordinal);
        foreach (var e in foreign.Where(e => needed.Contains(e.Relative)).OrderByDescending(e => e.Relative.Length))
            if (e.Info is DirectoryInfo { LinkTarget: null } d) d.Delete(recursive: true);
            else e.Info.Delete();
        foreach (var relative in earlier.Where(f => File.Exists(Path.Combine(root.FullName, f))))
            File.Delete(Path.Combine(root.FullName, relative));
        foreach (var folder in earlier.SelectMany(Ancestors).Distinct().OrderByDescending(f => f.Length))
            if (new DirectoryInfo(Path.Combine(root.FullName, folder)) is { Exists: true, LinkTarget: null } d && !d.EnumerateFileSystemInfos().Any())
                d.Delete();

        var written = new List<string>();
        root.Create();
        foreach (var (relative, content) in plan.Files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            foreach (var folder in Ancestors(relative))
            {
                var d = new DirectoryInfo(Path.Combine(root.FullName, folder));
                if (d.LinkTarget is not null) throw new IOException($"{d.FullName} became a link while petal wrote the plan");
                d.Create();
            }
            var path = Path.Combine(root.FullName, relative);
            var mode = relative.EndsWith(".sh", StringComparison.Ordinal) ? (UnixFileMode)0b111_101_101 : (UnixFileMode)0b110_100_100;
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = mode;
            using (var stream = new FileStream(path, options))
            using (var writer = new StreamWriter(stream))
                writer.Write(content);
            written.Add(path);
        }
        return written;
    }

    /// <summary>The files an earlier plan.json in the folder lists (only names a plan can have; nothing when there is none).</summary>
    private static IReadOnlyList<string> EarlierFiles(string root)
    {
        var file = new FileInfo(Path.Combine(root, PlanFiles.PlanJson));
        if (!IsPlainFile(file) || file.Length > MaxPlanJsonBytes) return [];
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file.FullName));
            if (!json.RootElement.TryGetProperty("files", out var files) || files.ValueKind != JsonValueKind.Array) return [];
            return files.EnumerateArray()
                .Select(f => f.ValueKind == JsonValueKind.Object && f.TryGetProperty("path", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null)
                .OfType<string>().Where(PlanFiles.All.Contains).Append(PlanFiles.PlanJson).Distinct().ToList();
        }
        catch (JsonException) { return []; }
    }

    /// <summary>A regular file of its own (not a link; a FIFO or device reports length 0 and is not one petal wrote either).</summary>
    private static bool IsPlainFile(FileSystemInfo info) => info is FileInfo { Exists: true, LinkTarget: null, Length: > 0 };

    /// <summary>"a/b/c" → "a", "a/b".</summary>
    private static IEnumerable<string> Ancestors(string relative)
    {
        for (var i = relative.IndexOf('/'); i > 0; i = relative.IndexOf('/', i + 1))
            yield return relative[..i];
    }

    /// <summary>Every entry under the folder, without descending into links.</summary>
    private static IEnumerable<(string Relative, FileSystemInfo Info)> Entries(DirectoryInfo root)
    {
        var pending = new Stack<DirectoryInfo>([root]);
        while (pending.Count > 0)
            foreach (var info in pending.Pop().EnumerateFileSystemInfos())
            {
                yield return (Path.GetRelativePath(root.FullName, info.FullName).Replace('\\', '/'), info);
                if (info is DirectoryInfo { LinkTarget: null } sub) pending.Push(sub);
            }
    }
}
