using Petal.Garden.Descriptions;

namespace Petal.Garden.Jobspecs;

/// <summary>Every one of several requirements (one alternative of an any-of, such as <c>ubuntu@22.04</c>).</summary>
public sealed class AllOfRequirement(IReadOnlyList<Requirement> parts) : Requirement
{
    public IReadOnlyList<Requirement> Parts => parts;

    public override bool Test(ResourceVertex vertex, out bool exact)
    {
        exact = true;
        for (var i = 0; i < parts.Count; i++)
        {
            var p = parts[i];
            if (!p.Test(vertex, out var e)) return false;
            exact &= e;
        }
        return true;
    }

    public override string Explain(ResourceVertex vertex) =>
        string.Join("; ", parts.Where(p => !p.Test(vertex, out _)).Select(p => p.Explain(vertex)));

    public override string Describe() => string.Join(" and ", parts.Select(p => p.Describe()));
}

/// <summary>Any of several requirements, in preference order: a later one is only compatible.</summary>
public sealed class AnyOfRequirement(IReadOnlyList<Requirement> alternatives) : Requirement
{
    public override bool Test(ResourceVertex vertex, out bool exact)
    {
        for (var i = 0; i < alternatives.Count; i++)
            if (alternatives[i].Test(vertex, out var e)) { exact = e && i == 0; return true; }
        exact = false;
        return false;
    }

    public override string Explain(ResourceVertex vertex) =>
        "none of [" + string.Join(" | ", alternatives.Select(a => a.Explain(vertex))) + "]";

    public override string Describe() => "any of [" + string.Join(" | ", alternatives.Select(a => a.Describe())) + "]";
}

/// <summary>The negation of a requirement (<c>!rocky</c>).</summary>
public sealed class NotRequirement(Requirement inner) : Requirement
{
    public override bool Test(ResourceVertex vertex, out bool exact)
    {
        exact = true;
        return !inner.Test(vertex, out _);
    }

    public override string Explain(ResourceVertex vertex) => $"{inner.Describe()} holds (job excludes it)";

    public override string Describe() => $"not ({inner.Describe()})";
}
