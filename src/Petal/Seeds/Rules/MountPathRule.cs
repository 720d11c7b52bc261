using System.Text;
using Petal.Common;

namespace Petal.Seeds.Rules;

public sealed class MountPathRule : SeedRule
{
    public override string Id => "MOUNT-PATH";
    public override string Summary => "Mount points and mount dirs are absolute, normalized paths of letters, digits, '.', '_', '-' and '/', "
        + "each directory name at most 255 bytes and the whole path at most 4095.";

    public override IEnumerable<Diagnostic> Check(SeedRuleContext context)
    {
        foreach (var (path, dir) in MountDirs.All(context))
        {
            if (!dir.StartsWith('/'))
                yield return Report(context, path, $"'{dir}' is not an absolute path", $"write it from the root, e.g. '/{dir.TrimStart('.', '/')}'");
            else if (!Patterns.MountPath.Regex.IsMatch(dir))
                yield return Report(context, path, $"'{dir}' has characters other than letters, digits, '.', '_', '-' and '/'",
                    "use a plain directory name; mount paths reach shell scripts run as root");
            else if (Normalize(dir) != dir)
                yield return Report(context, path, $"'{dir}' is not normalized", $"write '{Normalize(dir)}'");
            else if (LengthProblem(dir) is { } problem)
                yield return Report(context, path, problem, $"a directory name holds at most {NameMax} bytes, a path at most {PathMax}");
        }
    }

    /// <summary>Linux's NAME_MAX: the longest name of one directory (mkdir fails past it).</summary>
    public const int NameMax = 255;

    /// <summary>Linux's PATH_MAX (4096) less its NUL: the longest path the kernel takes.</summary>
    public const int PathMax = 4095;

    /// <summary>Why <paramref name="dir"/> is too long for Linux, or null.</summary>
    public static string? LengthProblem(string dir)
    {
        if (Encoding.UTF8.GetByteCount(dir) is var total and > PathMax) return $"the path has {total} bytes, more than Linux's {PathMax}";
        foreach (var name in dir.Split('/'))
            if (Encoding.UTF8.GetByteCount(name) is var bytes and > NameMax)
                return $"the directory name '{name[..20]}...' has {bytes} bytes, more than Linux's {NameMax}";
        return null;
    }

    /// <summary>Collapses '//', '/./', '..' and a trailing '/'.</summary>
    public static string Normalize(string dir)
    {
        var parts = new List<string>();
        foreach (var part in dir.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".") continue;
            if (part == "..") { if (parts.Count > 0) parts.RemoveAt(parts.Count - 1); continue; }
            parts.Add(part);
        }
        return "/" + string.Join('/', parts);
    }
}
