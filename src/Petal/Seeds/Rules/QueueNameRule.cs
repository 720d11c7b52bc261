using Petal.Common;

namespace Petal.Seeds.Rules;

/// <summary>ParallelCluster's NameValidator for queues: the name is also a Slurm partition and part of node names.</summary>
public sealed class QueueNameRule : SeedRule
{
    private static int MaxLength => Patterns.QueueName.MaxLength!.Value;
    public override string Id => "QUEUE-NAME";
    public override string Summary => "Queue names match ^[a-z][a-z0-9-]*$, have at most 25 characters and are not 'default'.";

    public override IEnumerable<Diagnostic> Check(SeedRuleContext context)
    {
        for (var i = 0; i < context.Seed.Compute.Queues.Count; i++)
        {
            var path = $"compute.queues[{i}].name";
            var name = context.Seed.Compute.Queues[i].Name;
            if (!context.Has(path)) continue;
            if (!Patterns.QueueName.Regex.IsMatch(name))
                yield return Report(context, path, $"queue name '{name}' must start with a lowercase letter and contain only lowercase letters, digits and '-'",
                    $"for example '{Suggest(name)}'");
            else if (name.Length > MaxLength)
                yield return Report(context, path, $"queue name '{name}' has {name.Length} characters; at most {MaxLength} are allowed", $"shorten it, e.g. '{name[..MaxLength].TrimEnd('-')}'");
            else if (name == "default")
                yield return Report(context, path, "'default' is reserved by ParallelCluster", "name the queue after what runs there, e.g. 'compute'");
        }
    }

    private static string Suggest(string name)
    {
        var cleaned = new string(name.ToLowerInvariant().Select(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' ? c : '-').ToArray()).Trim('-');
        return cleaned.Length > 0 && cleaned[0] is >= 'a' and <= 'z' ? cleaned : "q-" + cleaned;
    }
}
