using Petal.Common;

namespace Petal.Seeds;

/// <summary>
/// A loaded seed and everything wrong with it. <see cref="Seed"/> is non-null whenever the YAML read
/// into a mapping (even with rule errors, so tools can show more); it is null only when the file is
/// unreadable, not YAML, not a mapping, or larger than the bounds. Consumers check <see cref="Ok"/>.
/// </summary>
public sealed record SeedLoadResult(Seed? Seed, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool Ok => Seed is not null && !Diagnostics.Any(d => d.IsError);

    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.IsError);

    public IEnumerable<Diagnostic> Warnings => Diagnostics.Where(d => !d.IsError);
}
