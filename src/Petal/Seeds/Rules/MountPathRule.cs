using Petal.Common;

namespace Petal.Seeds.Rules;

public sealed class MountPathRule : SeedRule
{
    public override string Id => "MOUNT-PATH";
    public override string Summary => "Mount points and mount dirs are absolute, normalized paths of letters, digits, '.', '_', '-' and '/'.";

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
        }
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
