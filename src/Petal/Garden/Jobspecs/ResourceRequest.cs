using Petal.Common;
using Petal.Garden.Descriptions;

namespace Petal.Garden.Jobspecs;

/// <summary>
/// One level of a job's resource request: <see cref="Count"/> distinct vertices of <see cref="Type"/>,
/// each meeting <see cref="Requirements"/> and each holding its own <see cref="With"/> (counts are per
/// instance: "node ×3 with 12 cores" is 12 cores on each of 3 nodes). <c>type: slot</c> levels are
/// already folded in by the reader (their counts multiply their children's).
/// </summary>
public sealed class ResourceRequest
{
    public ResourceRequest(string type, long count, IReadOnlyList<Requirement>? requirements = null,
        IReadOnlyList<ResourceRequest>? with = null, string? label = null, SourceLocation? location = null)
    {
        Type = type;
        TypeId = ResourceTypes.Id(type);
        Count = count;
        Requirements = (requirements ?? []).ToArray();
        With = (with ?? []).ToArray();
        Label = label;
        Location = location;
    }

    public string Type { get; }
    public int TypeId { get; }
    public long Count { get; }
    public Requirement[] Requirements { get; }
    public ResourceRequest[] With { get; }
    public string? Label { get; }
    public SourceLocation? Location { get; }

    public ResourceRequest WithCount(long count) => new(Type, count, Requirements, With, Label, Location);

    public override string ToString() =>
        $"{Type}×{Count}" + (With.Length > 0 ? "[" + string.Join(", ", With.Select(w => w.ToString())) + "]" : "");
}
