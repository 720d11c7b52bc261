using System.Text.Json;
using Petal.Spack;

namespace Petal.Capture;

/// <summary>One explicitly installed Spack package: "openmpi@4.1.4 %gcc@12.2.0".</summary>
public sealed record SpackInstalled(string Name, string Version, string? Compiler)
{
    public string Spec => Compiler is null ? $"{Name}@{Version}" : $"{Name}@{Version} %{Compiler}";
}

/// <summary>
/// The packages a user installed with Spack (<c>spack find -x --json</c>: explicit installs, not their dependencies)
/// and the compilers that built them. Spack before 1.0 writes a node's compiler as <c>"compiler": {"name", "version"}</c>;
/// from 1.0 the compiler is a dependency providing the <c>c</c>, <c>cxx</c> or <c>fortran</c> virtual, named by hash.
/// Bounded: at most <see cref="MaxSpecs"/> specs; a spec whose name or version Spack's parser refuses is skipped.
/// </summary>
public static class SpackInventory
{
    public const int MaxSpecs = 5_000;

    /// <summary>Spack from PATH (a site's setup-env.sh in the login shell) or $SPACK_ROOT; prints nothing without it.</summary>
    public const string FindCommand =
        "s=$(command -v spack 2>/dev/null || true); if [ -z \"$s\" ] && [ -n \"${SPACK_ROOT:-}\" ]; then s=\"$SPACK_ROOT/bin/spack\"; fi; " +
        "if [ -n \"$s\" ] && [ -x \"$s\" ]; then \"$s\" find -x --json 2>/dev/null; fi; exit 0";

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 32 };
    private static readonly string[] CompilerVirtuals = ["c", "cxx", "fortran"];

    /// <summary>The explicit installs, sorted by name then version (the last of a name is the newest); empty when
    /// Spack printed nothing or not a JSON list.</summary>
    public static IReadOnlyList<SpackInstalled> ParseFind(string json)
    {
        if (string.IsNullOrWhiteSpace(json)) return [];
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json, Options); }
        catch (JsonException) { return []; }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Array) return [];
            var nodes = doc.RootElement.EnumerateArray().Where(n => n.ValueKind == JsonValueKind.Object).Take(MaxSpecs).ToList();
            var byHash = nodes.Where(n => Text(n, "hash") is not null).GroupBy(n => Text(n, "hash")!).ToDictionary(g => g.Key, g => g.First());
            var found = new List<SpackInstalled>();
            foreach (var node in nodes)
            {
                if (Text(node, "name") is not { } name || Text(node, "version") is not { } version) continue;
                var compiler = Compiler(node, byHash);
                var installed = new SpackInstalled(name, version, compiler);
                if (SpecParser.TryParse(installed.Spec, out _, out _)) found.Add(installed);
                else if (compiler is not null && SpecParser.TryParse($"{name}@{version}", out _, out _)) found.Add(installed with { Compiler = null });
            }
            return found.Distinct().OrderBy(s => s.Name, StringComparer.Ordinal).ThenBy(s => VersionKey(s.Version), StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>The compilers that built the installs ("gcc@12.2.0"), each once.</summary>
    public static IReadOnlyList<string> Compilers(IReadOnlyList<SpackInstalled> installed) =>
        installed.Select(s => s.Compiler).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();

    private static string? Compiler(JsonElement node, IReadOnlyDictionary<string, JsonElement> byHash)
    {
        if (node.TryGetProperty("compiler", out var c) && c.ValueKind == JsonValueKind.Object
            && Text(c, "name") is { } cn && Text(c, "version") is { } cv)
            return $"{cn}@{cv}";
        if (!node.TryGetProperty("dependencies", out var deps) || deps.ValueKind != JsonValueKind.Array) return null;
        foreach (var dep in deps.EnumerateArray())
        {
            if (dep.ValueKind != JsonValueKind.Object || !dep.TryGetProperty("parameters", out var p) || p.ValueKind != JsonValueKind.Object
                || !p.TryGetProperty("virtuals", out var v) || v.ValueKind != JsonValueKind.Array) continue;
            if (!v.EnumerateArray().Any(x => x.ValueKind == JsonValueKind.String && CompilerVirtuals.Contains(x.GetString()))) continue;
            if (Text(dep, "hash") is { } hash && byHash.TryGetValue(hash, out var compiler)
                && Text(compiler, "name") is { } name && Text(compiler, "version") is { } version)
                return $"{name}@{version}";
        }
        return null;
    }

    private static string? Text(JsonElement e, string key) =>
        e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 and <= 200 } s ? s : null;

    /// <summary>"4.10.2" sorts after "4.9.0": numeric parts padded.</summary>
    private static string VersionKey(string version) =>
        string.Join('.', version.Split('.').Select(p => p.All(char.IsAsciiDigit) && p.Length <= 12 ? p.PadLeft(12, '0') : p));
}
