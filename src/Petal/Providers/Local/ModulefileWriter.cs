using System.Text;

namespace Petal.Providers.Local;

/// <summary>Lmod Lua modulefiles (<c>name/version.lua</c>) for the software the twin serves (pure).</summary>
public static class ModulefileWriter
{
    /// <summary>Path of the modulefile relative to the module root.</summary>
    public static string RelativePath(string name, string version) => $"{name}/{version}.lua";

    public static string Render(string name, string version, string prefix, string description, string? family)
    {
        var sb = new StringBuilder();
        sb.Append($"help([[{description} {version} (host installation served by the petal local twin)]])\n");
        sb.Append($"whatis(\"Name: {name}\")\n");
        sb.Append($"whatis(\"Version: {version}\")\n");
        if (family is not null) sb.Append($"family(\"{family}\")\n");
        sb.Append($"local root = \"{prefix}\"\n");
        sb.Append("prepend_path(\"PATH\", pathJoin(root, \"bin\"))\n");
        sb.Append($"setenv(\"{EnvName(name)}_ROOT\", root)\n");
        return sb.ToString();
    }

    /// <summary>"py-numpy" → "PY_NUMPY".</summary>
    public static string EnvName(string name) =>
        new(name.ToUpperInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
}
