namespace Petal.Capture;

/// <summary>One module found by `module -t avail`: "name/version" without Lmod's markers, whether it is the default
/// ("(D)", "(default)"), loaded ("(L)") or hidden (a name or version starting with '.').</summary>
public sealed record AvailableModule(string FullName, bool IsDefault, bool IsLoaded, bool IsHidden);

/// <summary>
/// Reads the terse module listing of Lmod or Environment Modules (`module -t avail 2>&amp;1`): path headers
/// ("/usr/share/modules/modulefiles:"), directory lines ("gcc/"), markers ("(D)", "(L)", "(default)", "&lt;aL&gt;"),
/// ".lua" file names and hidden modules. Bounded: at most <see cref="MaxModules"/> modules, lines past 1024 characters
/// skipped.
/// </summary>
public static class ModuleInventory
{
    public const int MaxModules = 20_000;

    /// <summary>The command (run in a login shell, where Lmod defines `module`) that lists modules on a host, Lmod or Environment Modules alike.</summary>
    public const string ListCommand = "if type module >/dev/null 2>&1; then module -t avail 2>&1; fi; exit 0";

    public static IReadOnlyList<AvailableModule> ParseTerse(string text)
    {
        var modules = new List<AvailableModule>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length is 0 or > 1024 || line.EndsWith(':') || line.EndsWith('/')) continue;
            if (line.StartsWith('-') || line.Contains(' ') && !line.Contains('(')) continue;
            var isDefault = false;
            var isLoaded = false;
            while (true)
            {
                var open = line.LastIndexOfAny(['(', '<']);
                if (open <= 0 || line[^1] is not (')' or '>')) break;
                var marker = line[(open + 1)..^1];
                foreach (var m in marker.Split(':', ','))
                {
                    if (m is "D" or "default" || m.Contains('d') && m.Length <= 3) isDefault = true;
                    if (m is "L" || m.Contains('L') && m.Length <= 3) isLoaded = true;
                }
                line = line[..open].TrimEnd();
            }
            if (line.EndsWith(".lua", StringComparison.Ordinal)) line = line[..^4];
            if (line.Length == 0 || line.Contains(' ') || line.Any(char.IsControl)) continue;
            var parts = line.Split('/');
            var hidden = parts.Any(p => p.StartsWith('.'));
            if (hidden) line = string.Join('/', parts.Select(p => p.TrimStart('.')));
            if (!seen.Add(line)) continue;
            modules.Add(new AvailableModule(line, isDefault, isLoaded, hidden));
            if (modules.Count >= MaxModules) break;
        }
        return modules;
    }
}
