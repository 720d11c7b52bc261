using System.Text.RegularExpressions;
using Petal.Common;

namespace Petal.Pcluster.Checking.Rules;

// Names and counts of queues, compute resources and shared storage (cluster_validators.py).

public sealed class NameValidator : ConfigRule
{
    public override string Summary => "Queue and compute resource names: lowercase letter first, then a-z 0-9 '-', at most 25, not 'default'.";

    public override IEnumerable<ConfigFinding> Check(ConfigRuleContext c) =>
        c.Config.Queues.SelectMany(q => Problems(q.Path + ".Name", q.Name)
            .Concat(q.ComputeResources.SelectMany(cr => Problems(cr.Path + ".Name", cr.Name))));

    private IEnumerable<ConfigFinding> Problems(string path, string name)
    {
        var pattern = Patterns.QueueName;
        if (!pattern.Regex.IsMatch(name))
            yield return Error(path, $"Invalid name '{name}'. Name must begin with a letter and only contain lowercase letters, digits and hyphens.");
        if (name.Length > pattern.MaxLength)
            yield return Error(path, $"Invalid name '{name}'. Name can be at most {pattern.MaxLength} chars long.");
        if (pattern.Reserved.Contains(name)) yield return Error(path, $"It is forbidden to use '{name}' as a name.");
    }
}

public sealed class DuplicateNameValidator : ConfigRule
{
    public override string Summary => "Queue names are unique; compute resource names are unique within their queue; storage names are unique.";

    public override IEnumerable<ConfigFinding> Check(ConfigRuleContext c)
    {
        foreach (var name in Repeated(c.Config.Queues.Select(q => q.Name)))
            yield return Error("Scheduling", $"Queue name {name} must be unique.");
        foreach (var q in c.Config.Queues)
            foreach (var name in Repeated(q.ComputeResources.Select(cr => cr.Name)))
                yield return Error(q.Path, $"Compute resource name {name} must be unique.");
        foreach (var name in Repeated(c.Config.Storage.Select(s => s.Name)))
            yield return Error("SharedStorage", $"Shared storage name {name} must be unique.");
    }

    private static IEnumerable<string> Repeated(IEnumerable<string> names) =>
        names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key);
}

public sealed class MaxCountValidator : ConfigRule
{
    public override string Summary => "At most 50 queues, 50 compute resources per queue and 50 in the cluster.";

    public override IEnumerable<ConfigFinding> Check(ConfigRuleContext c)
    {
        if (c.Config.Queues.Count > PclusterFacts.MaxQueues)
            yield return Too("Scheduling.SlurmQueues", "SlurmQueues", c.Config.Queues.Count, PclusterFacts.MaxQueues);
        foreach (var q in c.Config.Queues)
            if (q.ComputeResources.Count > PclusterFacts.MaxComputeResourcesPerQueue)
                yield return Too(q.Path, "ComputeResources per Queue", q.ComputeResources.Count, PclusterFacts.MaxComputeResourcesPerQueue);
        var total = c.Config.ComputeResources.Count();
        if (total > PclusterFacts.MaxComputeResourcesPerCluster)
            yield return Too("Scheduling", "ComputeResources per Cluster", total, PclusterFacts.MaxComputeResourcesPerCluster);
    }

    private ConfigFinding Too(string path, string what, int count, int max) =>
        Error(path, $"Invalid number of {what} ({count}) specified. Currently only supports up to {max} {what}.");
}

public sealed class ComputeResourceSizeValidator : ConfigRule
{
    public override string Summary => "A compute resource's MaxCount is at least its MinCount.";

    public override IEnumerable<ConfigFinding> Check(ConfigRuleContext c) =>
        c.Config.ComputeResources.Where(cr => cr.MaxCount < cr.MinCount)
            .Select(cr => Error(cr.Path, "Max count must be greater than or equal to min count."));
}

public sealed class SharedStorageNameValidator : ConfigRule
{
    /// <summary>PCLUSTER_TAG_VALUE_REGEX: the name becomes a tag value.</summary>
    private static readonly Regex TagValue = new(@"^[\w+\-=._:@/ ]{0,256}\z", RegexOptions.CultureInvariant);

    public override string Summary => "Storage names: tag-value characters, at most 30, not 'default'.";

    public override IEnumerable<ConfigFinding> Check(ConfigRuleContext c)
    {
        var max = Patterns.StorageName.MaxLength;
        foreach (var s in c.Config.Storage)
        {
            if (!TagValue.IsMatch(s.Name))
                yield return Error(s.Path + ".Name", $"Invalid name '{s.Name}'. Name must match the tag value pattern of ParallelCluster.");
            if (s.Name.Length > max) yield return Error(s.Path + ".Name", $"Invalid name '{s.Name}'. Name can be at most {max} chars long.");
            if (Patterns.StorageName.Reserved.Contains(s.Name)) yield return Error(s.Path + ".Name", $"It is forbidden to use '{s.Name}' as a name.");
        }
    }
}
