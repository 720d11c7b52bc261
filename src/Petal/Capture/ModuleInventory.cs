using System.Text.Json;

namespace Petal.Capture;

/// <summary>One module found by `module -t avail`: "name/version" without Lmod's markers, whether it is the default
/// ("(D)", "(default)"), loaded ("(L)") or hidden (a name or version starting with '.').</summary>
public sealed record AvailableModule(string FullName, bool IsDefault, bool IsLoaded, bool IsHidden);

/// <summary>
/// Reads the modules of a host: Lmod's spider database (<c>$LMOD_DIR/spider -o spider-json $MODULEPATH</c>) where Lmod
/// has it, which walks the whole hierarchy (modules behind a compiler or MPI module too); else the terse listing of Lmod or Environment Modules (`module -t avail 2>&amp;1`): path headers
/// ("/usr/share/modules/modulefiles:"), directory lines ("gcc/"), markers ("(D)", "(L)", "(default)", "&lt;aL&gt;"),
/// ".lua" file names and hidden modules. Bounded: at most <see cref="MaxModules"/> modules, lines past 1024 characters
/// skipped.
/// </summary>
public static class ModuleInventory
{
    public const int MaxModules = 20_000;

    /// <summary>The command (run in a login shell, where Lmod defines `module`) that lists modules on a host, Lmod or Environment Modules alike.</summary>
    public const string ListCommand = "if type module >/dev/null 2>&1; then module -t avail 2>&1; fi; exit 0";

    /// <summary>Lmod's spider over every directory of MODULEPATH, as JSON; prints nothing without Lmod.</summary>
    public const string SpiderCommand =
        "if [ -n \"${LMOD_DIR:-}\" ] && [ -x \"$LMOD_DIR/spider\" ] && [ -n \"${MODULEPATH:-}\" ]; then \"$LMOD_DIR/spider\" -o spider-json \"$MODULEPATH\" 2>/dev/null; fi; exit 0";

    private static readonly JsonDocumentOptions SpiderOptions = new() { MaxDepth = 16 };

    /// <summary>
    /// Lmod's spider-json: <c>{ "gcc": { "/path/gcc/12.2.0.lua": { "fullName": "gcc/12.2.0", "hidden": false,
    /// "pV": "000000012.000000002.*zfinal", "wV": "^00000012..." } } }</c>. A module is the default when its weight
    /// (wV) is marked, as Lmod's isMarked reads it (the character after the last '/' sorts at or after '^');
    /// versions are ordered by pV, Lmod's sortable version, so the last listed is the newest. Null when the text is
    /// not such a document (the caller then lists modules with `module -t avail`).
    /// </summary>
    public static IReadOnlyList<AvailableModule>? ParseSpiderJson(string json)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json, SpiderOptions); }
        catch (JsonException) { return null; }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return null;
            var found = new List<(string Name, string Sort, AvailableModule Module)>();
            foreach (var package in doc.RootElement.EnumerateObject())
            {
                if (package.Value.ValueKind != JsonValueKind.Object) continue;
                foreach (var file in package.Value.EnumerateObject())
                {
                    var m = file.Value;
                    if (m.ValueKind != JsonValueKind.Object || Text(m, "fullName") is not { } fullName) continue;
                    var weight = Text(m, "wV") ?? "";
                    var marked = weight.Length > 0 && weight[weight.LastIndexOf('/') + 1] >= '^';
                    if (Module(fullName, marked, isLoaded: false) is { } module) found.Add((package.Name, Text(m, "pV") ?? "", module));
                    if (found.Count >= MaxModules) break;
                }
            }
            var seen = new HashSet<string>(StringComparer.Ordinal);
            return found.OrderBy(f => f.Name, StringComparer.Ordinal).ThenBy(f => f.Sort, StringComparer.Ordinal)
                .Select(f => f.Module).Where(m => seen.Add(m.FullName)).ToList();
        }
    }

    private static string? Text(JsonElement e, string key) =>
        e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 and <= 1024 } s ? s : null;

    /// <summary>A module by its full name; hidden when a name or version starts with '.', the dots dropped. Null for a
    /// name with spaces or control characters.</summary>
    private static AvailableModule? Module(string fullName, bool isDefault, bool isLoaded)
    {
        if (fullName.Length == 0 || fullName.Contains(' ') || fullName.Any(char.IsControl)) return null;
        var parts = fullName.Split('/');
        var hidden = parts.Any(p => p.StartsWith('.'));
        return new AvailableModule(hidden ? string.Join('/', parts.Select(p => p.TrimStart('.'))) : fullName, isDefault, isLoaded, hidden);
    }

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
            if (Module(line, isDefault, isLoaded) is not { } module || !seen.Add(module.FullName)) continue;
            modules.Add(module);
            if (modules.Count >= MaxModules) break;
        }
        return modules;
    }
}
