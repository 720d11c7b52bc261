using System.Text.Json;
using System.Text.Json.Serialization;
using Petal.Pcluster;

namespace Petal.Plans;

/// <summary>plan.json: what the plan is, for `petal create`, `petal test` and humans (docs/plans.md).</summary>
public static class PlanJson
{
    public sealed record FileEntry(string Path, string S3Key);

    public sealed record Document(
        string Cluster,
        string Region,
        string Layout,
        string SoftwareRoot,
        string DataRoot,
        string InstallTree,
        string ModuleRoot,
        string EnvironmentDir,
        string CompletionMarker,
        string Fingerprint,
        IReadOnlyList<string> Architectures,
        string SpackTarget,
        IReadOnlyDictionary<string, string> QueueSpackTargets,
        IReadOnlyList<string> InstallOrder,
        IReadOnlyDictionary<string, IReadOnlyList<ComputeResourcePlan>> Queues,
        IReadOnlyList<FileEntry> Files,
        PlanCostView Cost,
        IReadOnlyDictionary<string, Placeholder> Placeholders,
        IReadOnlyList<string> Warnings);

    /// <summary>The cost with its totals spelled out (the record's computed properties).</summary>
    public sealed record PlanCostView(
        string Currency,
        decimal? HeadNodePerHour,
        decimal MinPerHour,
        decimal MaxPerHour,
        IReadOnlyList<QueueCost> Queues,
        decimal StoragePerMonth,
        IReadOnlyList<StorageCost> Storage,
        CostGuard? Guard);

    public static Document ToDocument(Plan plan) => new(
        plan.ClusterName, plan.Region, plan.Layout.ToString().ToLowerInvariant(), plan.SoftwareRoot, plan.DataRoot, plan.InstallTree, plan.ModuleRoot,
        plan.EnvironmentDir, plan.CompletionMarker, plan.Fingerprint, plan.Architectures, plan.SpackTarget, plan.QueueSpackTargets, plan.InstallOrder, plan.Queues,
        plan.S3Keys.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => new FileEntry(k.Key, k.Value)).ToList(),
        new PlanCostView("USD", plan.Cost.HeadNodePerHour, plan.Cost.MinPerHour, plan.Cost.MaxPerHour, plan.Cost.Queues,
            plan.Cost.StoragePerMonth, plan.Cost.Storage, plan.Cost.Guard),
        plan.Placeholders, plan.Warnings);

    public static string Render(Plan plan) => JsonSerializer.Serialize(ToDocument(plan), PlanJsonContext.Default.Document) + "\n";
}

/// <summary>
/// Source-generated serializer: reflection-based JSON costs a noticeable share of `petal plan`'s start-up. Only the
/// fast-path writer (Serialization mode): metadata mode built a property-info object per property, ~200
/// JIT-compiled generic instantiations over decimal, int and nullables on every plan (docs/performance.md).
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true,
    UseStringEnumConverter = true, GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(PlanJson.Document))]
internal sealed partial class PlanJsonContext : JsonSerializerContext;
