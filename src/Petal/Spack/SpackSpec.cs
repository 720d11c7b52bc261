using Petal.Common;
namespace Petal.Spack;

/// <summary>
/// An abstract Spack spec as Spack 0.23 parses it (<c>hdf5@1.14+mpi %gcc@12 ^openmpi@4.1</c>).
/// <see cref="ToString"/> is Spack's canonical form (<c>str(Spec)</c>). Built by <see cref="SpecParser"/>.
/// </summary>
public sealed partial class SpackSpec
{
    private static readonly IReadOnlyDictionary<string, SpackVariant> NoVariants = new Dictionary<string, SpackVariant>();
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<CompilerFlag>> NoFlags = new Dictionary<string, IReadOnlyList<CompilerFlag>>();

    private Dictionary<string, SpackVariant>? _variants;
    private Dictionary<string, IReadOnlyList<CompilerFlag>>? _flags;
    private List<SpackSpec>? _dependencies;
    private string? _canonical;

    internal SpackSpec() { }

    /// <summary>Package name; null for an anonymous spec such as <c>%gcc</c> or <c>+mpi</c>.</summary>
    public string? Name { get; internal set; }

    /// <summary>Repository namespace (<c>builtin</c> in <c>builtin.zlib</c>); not part of the canonical form.</summary>
    public string? Namespace { get; internal set; }

    /// <summary>Version constraint; <see cref="VersionList.IsAny"/> when no <c>@</c> was given.</summary>
    public VersionList Versions { get; internal set; } = VersionList.Any;

    public CompilerSpec? Compiler { get; internal set; }

    /// <summary>Variants by name.</summary>
    public IReadOnlyDictionary<string, SpackVariant> Variants => _variants ?? NoVariants;

    /// <summary>Compiler flags by flag name (cflags, cxxflags, fflags, cppflags, ldflags, ldlibs).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<CompilerFlag>> Flags => _flags ?? NoFlags;

    public ArchSpec? Architecture { get; internal set; }

    /// <summary>The <c>/hash</c> prefix of an installed spec, without the slash.</summary>
    public string? Hash { get; internal set; }

    /// <summary><c>^dependency</c> constraints of the root (Spack attaches every <c>^</c> to the root), sorted by name.</summary>
    public IReadOnlyList<SpackSpec> Dependencies => _dependencies ?? (IReadOnlyList<SpackSpec>)[];

    /// <summary>For a dependency: the virtuals its edge provides (<c>^[virtuals=mpi] mpich</c>), sorted.</summary>
    public IReadOnlyList<string> Virtuals { get; internal set; } = [];

    /// <summary>For a dependency: the edge's dependency types (<c>^[deptypes=build,link]</c>), in Spack's order.</summary>
    public IReadOnlyList<string> DepTypes => DependencyTypes.Names(DepTypeFlags);

    internal int DepTypeFlags { get; set; }

    /// <summary>
    /// True when a value in this spec or a dependency (a quoted variant value, flag, or architecture)
    /// holds a shell metacharacter (<c>; $ ` | &amp; &lt; &gt;</c>, newline, quote, backslash, parenthesis).
    /// Spack accepts such quoted values; petal's seed validator rejects them.
    /// </summary>
    public bool HasShellMetacharacters
    {
        get
        {
            foreach (var value in Values())
                if (SpecQuoting.HasShellMetacharacters(value)) return true;
            return false;
        }
    }

    /// <summary>The canonical form as one POSIX shell word (single-quoted), safe whatever the values hold.</summary>
    public string ToShellArgument() => ShellQuote.Single(ToString());

    /// <summary>Spack's <c>str(Spec)</c>.</summary>
    public override string ToString() => _canonical ??= Format(withDependencies: true);

    internal Dictionary<string, SpackVariant> MutableVariants => _variants ??= new Dictionary<string, SpackVariant>(StringComparer.Ordinal);

    internal Dictionary<string, IReadOnlyList<CompilerFlag>> MutableFlags => _flags ??= new Dictionary<string, IReadOnlyList<CompilerFlag>>(StringComparer.Ordinal);

    internal List<SpackSpec> MutableDependencies => _dependencies ??= new List<SpackSpec>(2);

    /// <summary>Spack prints dependencies sorted by (name, hash); the sort is stable like Python's.</summary>
    internal void SortDependencies()
    {
        if (_dependencies is { Count: > 1 })
            _dependencies = _dependencies.OrderBy(d => d.Name ?? "", StringComparer.Ordinal)
                .ThenBy(d => d.Hash ?? "", StringComparer.Ordinal).ToList();
    }

    private IEnumerable<string> Values()
    {
        foreach (var variant in Variants.Values)
        foreach (var value in variant.Values)
            yield return value;
        foreach (var flags in Flags.Values)
        foreach (var flag in flags)
            yield return flag.Value;
        if (Architecture is { } arch)
            foreach (var part in new[] { arch.Platform, arch.Os, arch.Target })
                if (part is not null) yield return part;
        if (Namespace is not null) yield return Namespace;
        foreach (var dependency in Dependencies)
        foreach (var value in dependency.Values())
            yield return value;
    }
}
