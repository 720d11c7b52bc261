using Petal.Catalog;
using Petal.Common;

namespace Petal.Seeds.Rules;

/// <summary>What a rule sees: the bound seed (with locations), the catalog and the spec parser.</summary>
public sealed record SeedRuleContext(Seed Seed, ICatalog Catalog, ISpecSyntax Specs)
{
    /// <summary>
    /// Every value of the seed counts as written: set for seeds that did not come from a file (built in code, or
    /// checked again by the plan's guard), whose values are all typed but have no locations.
    /// </summary>
    public bool EveryValueWritten { get; init; }

    /// <summary>True when the seed wrote a well-typed value at <paramref name="path"/> (missing or mistyped ones were already reported).</summary>
    public bool Has(string path) => EveryValueWritten || Seed.Locations.ContainsKey(path);
}

/// <summary>One named check of a seed (like a ParallelCluster validator): an id, a summary, a severity.</summary>
public abstract class SeedRule
{
    public abstract string Id { get; }

    /// <summary>What the rule enforces, one sentence (listed in docs/seed-format.md).</summary>
    public abstract string Summary { get; }

    public virtual Severity Severity => Severity.Error;

    public abstract IEnumerable<Diagnostic> Check(SeedRuleContext context);

    protected Diagnostic Report(SeedRuleContext context, string path, string message, string? hint = null,
        Severity? severity = null, SourceLocation? at = null) =>
        new(Id, severity ?? Severity, message, path, at ?? context.Seed.Locate(path), hint);
}
