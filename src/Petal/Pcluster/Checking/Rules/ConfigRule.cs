using Petal.Catalog;
using Petal.Common;

namespace Petal.Pcluster.Checking.Rules;

/// <summary>What a rule sees: the config (defaults filled in), the catalog, the ParallelCluster version.</summary>
public sealed class ConfigRuleContext(ConfigView config, ICatalog catalog, string version)
{
    public ConfigView Config => config;
    public ICatalog Catalog => catalog;
    public string Version => version;

    /// <summary>
    /// True when the catalog knows every instance type in the config. ParallelCluster asks EC2 about each type;
    /// when one is unknown, InstanceTypeValidator refuses it and the rules that need EC2 facts do not run.
    /// </summary>
    public bool InstanceFactsKnown { get; } =
        config.ComputeResources.SelectMany(cr => cr.InstanceTypes).Append(config.HeadNode.InstanceType)
            .All(t => catalog.Find(t) is not null);

    public InstanceTypeInfo Info(string instanceType) =>
        catalog.Find(instanceType) ?? throw new InvalidOperationException($"rules needing EC2 facts run only when the catalog knows {instanceType}");
}

/// <summary>
/// One ParallelCluster validator that needs no AWS call, ported under its own class name
/// (aws/aws-parallelcluster cli/src/pcluster/validators/). Rules that need EC2 facts say so and are skipped
/// when the catalog does not know an instance type.
/// </summary>
public abstract class ConfigRule
{
    /// <summary>ParallelCluster's validator class name, e.g. "RegionValidator".</summary>
    public string Name => GetType().Name;

    /// <summary>What the rule refuses, one sentence (docs/seed-format.md lists the rules).</summary>
    public abstract string Summary { get; }

    public virtual bool NeedsInstanceFacts => false;

    public abstract IEnumerable<ConfigFinding> Check(ConfigRuleContext context);

    protected ConfigFinding Error(string path, string message) => new(Name, Severity.Error, path, message);

    protected ConfigFinding Warning(string path, string message) => new(Name, Severity.Warning, path, message);

    /// <summary>Python's repr of a list of strings, as ParallelCluster's messages print them.</summary>
    protected static string PyList(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(v => $"'{v}'")) + "]";
}
