using Petal.Plans.Rendering;
using Petal.Seeds;

namespace Petal.Plans;

/// <summary>
/// The Spack configuration a plan ships: the environment (spack.yaml) and the site-scope files
/// (config, modules, mirrors, packages) that the scripts copy into $SPACK_ROOT/etc/spack.
/// </summary>
public static class SpackFiles
{
    /// <summary>Spack pads install prefixes to this length so buildcache binaries relocate into any root.</summary>
    public const int PaddedLength = 128;

    public static string MirrorName(string spackVersion) => $"spack-v{spackVersion}";

    /// <summary>The release buildcache Spack publishes for each tagged version.</summary>
    public static string MirrorUrl(string spackVersion) => $"https://binaries.spack.io/v{spackVersion}";

    public static string Environment(SoftwareSpecs specs) => YamlText.Write(new YamlMap()
        .Add("spack", new YamlMap()
            .Add("specs", specs.Canonical.ToList<object>())
            .Add("view", false)
            .Add("concretizer", new YamlMap().Add("unify", "when_possible").Add("reuse", true))));

    public static string Config(LayoutPaths paths) => YamlText.Write(new YamlMap()
        .Add("config", new YamlMap()
            .Add("install_tree", new YamlMap().Add("root", paths.InstallTree).Add("padded_length", PaddedLength))
            .Add("build_stage", new List<object> { "$tempdir/petal-spack-stage" })));

    public static string Modules(LayoutPaths paths, OsProfile os) => YamlText.Write(new YamlMap()
        .Add("modules", new YamlMap()
            .Add("default", new YamlMap()
                .Add("roots", new YamlMap().Add("lmod", paths.ModuleRoot))
                .Add("enable", new List<object> { "lmod" })
                .Add("lmod", new YamlMap()
                    .Add("core_compilers", new List<object> { os.SystemCompiler })
                    .Add("hierarchy", new List<object> { "mpi" })
                    .Add("hash_length", 0)
                    .Add("hide_implicits", true)
                    .Add("all", new YamlMap()
                        .Add("autoload", "direct")
                        .Add("environment", new YamlMap().Add("set", new YamlMap().Add("{name}_ROOT", "{prefix}"))))
                    .Add("projections", new YamlMap().Add("all", "{name}/{version}"))))));

    public static string Mirrors(string spackVersion) => YamlText.Write(new YamlMap()
        .Add("mirrors", new YamlMap()
            .Add(MirrorName(spackVersion), new YamlMap()
                .Add("url", MirrorUrl(spackVersion))
                .Add("binary", true)
                .Add("source", false)
                .Add("signed", true))));

    /// <summary>The target every node runs and the release buildcache holds (<see cref="SpackTargets"/>).</summary>
    public static string Packages(string spackTarget) => YamlText.Write(new YamlMap()
        .Add("packages", new YamlMap()
            .Add("all", new YamlMap().Add("require", new List<object> { $"target={spackTarget}" }))));

    public static string BuildcacheFlag(BuildcacheMode mode) => mode switch
    {
        BuildcacheMode.Only => "only",
        BuildcacheMode.Never => "never",
        _ => "auto",
    };
}
