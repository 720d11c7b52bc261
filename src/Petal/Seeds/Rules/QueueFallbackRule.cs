using Petal.Common;

namespace Petal.Seeds.Rules;

/// <summary><c>fallback: ondemand</c> only on spot queues, and the fallback queue's derived name (<see cref="FallbackQueues.NameFor"/>) is free.</summary>
public sealed class QueueFallbackRule : SeedRule
{
    public override string Id => "QUEUE-FALLBACK";
    public override string Summary => "fallback: ondemand only on spot queues; the fallback queue's name (the queue's, cut to 22 characters, plus '-od') is no other queue's.";

    public override IEnumerable<Diagnostic> Check(SeedRuleContext context)
    {
        var queues = context.Seed.Compute.Queues;
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var q = 0; q < queues.Count; q++) names.TryAdd(queues[q].Name, $"compute.queues[{q}]");
        for (var q = 0; q < queues.Count; q++)
        {
            var queue = queues[q];
            var path = $"compute.queues[{q}].fallback";
            if (queue.Fallback is null || !context.Has(path)) continue;
            if (queue.Capacity != CapacityType.Spot)
            {
                yield return Report(context, path, $"queue '{queue.Name}' is on-demand already; fallback: ondemand is for spot queues",
                    "remove fallback, or set capacity: spot");
                continue;
            }
            var derived = FallbackQueues.NameFor(queue.Name);
            if (names.TryGetValue(derived, out var other))
                yield return Report(context, path, $"the fallback queue of '{queue.Name}' is named '{derived}', which {other} ({context.Seed.Locate(other + ".name")?.ToString() ?? other}) already uses",
                    "rename one of the queues");
            else names[derived] = path;
        }
    }
}
