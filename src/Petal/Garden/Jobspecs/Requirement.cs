using Petal.Common;
using Petal.Garden.Descriptions;

namespace Petal.Garden.Jobspecs;

/// <summary>
/// A condition a resource vertex must meet (at whatever level of the jobspec it is written).
/// <see cref="Test"/> is the allocation-free hot path; <see cref="Explain"/> runs only for
/// clusters that do not match, to say why.
/// </summary>
public abstract class Requirement
{
    public SourceLocation? Location { get; init; }

    public abstract bool Test(ResourceVertex vertex, out bool exact);

    public abstract string Explain(ResourceVertex vertex);

    public abstract string Describe();

    public override string ToString() => Describe();
}

/// <summary>A field of the vertex itself (arch, os, memory, disk, gpu_model, labels...).</summary>
public sealed class AttributeRequirement(string fieldName, Predicate predicate) : Requirement
{
    public string Field => fieldName;
    public Predicate Predicate => predicate;

    public override bool Test(ResourceVertex vertex, out bool exact) =>
        predicate.Test(vertex.Attributes.GetValueOrDefault(fieldName), out exact);

    public override string Explain(ResourceVertex vertex) =>
        predicate.Explain(fieldName, vertex.Attributes.GetValueOrDefault(fieldName));

    public override string Describe() => $"{fieldName} {predicate.Describe()}";
}

/// <summary>
/// rainbow's <c>requires: [{name: io, field: type, match: shm}]</c>: one of the vertex's links into
/// subsystem <paramref name="subsystem"/> must meet every condition (all on the same subsystem vertex).
/// </summary>
public sealed class SubsystemRequirement(string subsystem, IReadOnlyList<(string Field, Predicate Predicate)> conditions) : Requirement
{
    public string Subsystem => subsystem;
    public IReadOnlyList<(string Field, Predicate Predicate)> Checks => conditions;

    public override bool Test(ResourceVertex vertex, out bool exact)
    {
        exact = false;
        if (!vertex.Links.TryGetValue(subsystem, out var linked)) return false;
        var found = false;
        foreach (var s in linked)
        {
            var all = true;
            var allExact = true;
            for (var i = 0; i < conditions.Count; i++)
            {
                var (field, predicate) = conditions[i];
                if (!predicate.Test(s.Get(field), out var e)) { all = false; break; }
                allExact &= e;
            }
            if (!all) continue;
            if (allExact) { exact = true; return true; }
            found = true;
        }
        return found;
    }

    public override string Explain(ResourceVertex vertex)
    {
        if (!vertex.Links.TryGetValue(subsystem, out var linked))
            return $"{vertex.Type} {vertex.Name} has no {subsystem} subsystem links (needs {Describe()})";
        var (field, predicate) = conditions[0];
        var seen = linked.Select(s => s.Get(field)?.Text).Where(t => t is not null).Distinct().Order(StringComparer.Ordinal);
        return $"no {subsystem} vertex with {Conditions()} (has {field} {string.Join(", ", seen)})";
    }

    public override string Describe() => $"{subsystem}: {Conditions()}";

    private string Conditions() => string.Join(", ", conditions.Select(c => $"{c.Field} {c.Predicate.Describe()}"));
}

/// <summary>
/// An installed package in a version range (<c>go@1.20:</c>), or its absence (<c>!singularity</c>),
/// looked up in the vertex's <c>software</c> subsystem (seed clusters link every node to their Spack stack).
/// </summary>
public sealed class SoftwareRequirement(string package, Predicate? version, bool absent) : Requirement
{
    public const string Subsystem = "software";

    public string Package => package;
    public bool Absent => absent;

    public override bool Test(ResourceVertex vertex, out bool exact)
    {
        exact = true;
        var found = false;
        var foundExact = false;
        if (vertex.Links.TryGetValue(Subsystem, out var linked))
            foreach (var s in linked)
            {
                if (!string.Equals(s.Get("name")?.Text, package, StringComparison.OrdinalIgnoreCase)) continue;
                if (version is null) { found = foundExact = true; break; }
                if (!version.Test(s.Get("version"), out var e)) continue;
                found = true;
                foundExact |= e;
            }
        if (absent) return !found;
        exact = foundExact;
        return found;
    }

    public override string Explain(ResourceVertex vertex)
    {
        if (absent) return $"{package} is installed (job excludes it)";
        var versions = vertex.Links.TryGetValue(Subsystem, out var linked)
            ? linked.Where(s => string.Equals(s.Get("name")?.Text, package, StringComparison.OrdinalIgnoreCase))
                .Select(s => s.Get("version")).ToList()
            : [];
        if (versions.Count == 0) return $"no {package}";
        return string.Join("; ", versions.Select(v => version!.Explain(package, v)).Distinct());
    }

    public override string Describe() => absent ? $"software !{package}" : $"software {package}{version?.Describe()}";
}
