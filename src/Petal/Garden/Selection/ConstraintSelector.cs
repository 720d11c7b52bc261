using Petal.Garden.Selection.Expressions;

namespace Petal.Garden.Selection;

/// <summary>
/// rainbow's constraint selection, with the intended semantics: a false filter drops the cluster,
/// sorts really sort (stable, ties by name), <c>calc</c> writes into a per-job copy of the state (the
/// stored state is never changed). Variables: the job's parameters, overridden by the cluster's state.
/// A cluster missing a variable is dropped with "missing variable X". Candidates are taken in name
/// order, so the result does not depend on the order they arrive in.
/// </summary>
public sealed class ConstraintSelector(IReadOnlyList<ConstraintPriority> priorities) : ISelector
{
    public string Name => "constraint";

    public SelectionResult Select(SelectionContext context)
    {
        var dropped = new Dictionary<string, string>();
        foreach (var priority in priorities)
        {
            var alive = context.Candidates.OrderBy(c => c.Cluster.Name, StringComparer.Ordinal)
                .Select(c => (Name: c.Cluster.Name, Vars: Variables(context, c))).ToList();
            string? chosen = null;
            foreach (var step in priority.Steps)
            {
                if (step.Kind == StepKind.Select)
                {
                    chosen = alive.Count == 0 ? null : step.Text switch
                    {
                        "first" => alive[0].Name,
                        "last" => alive[^1].Name,
                        _ => alive[context.Random.Next(alive.Count)].Name,
                    };
                    break;
                }
                alive = Apply(step, alive, dropped);
            }
            if (alive.Count == 0) continue;
            var survivors = alive.Select(a => a.Name).ToList();
            foreach (var s in survivors) dropped.Remove(s);
            return new SelectionResult(chosen ?? survivors[0], survivors, dropped);
        }
        return new SelectionResult(null, [], dropped);
    }

    private static Dictionary<string, double> Variables(SelectionContext context, Matching.ClusterMatch c)
    {
        var vars = new Dictionary<string, double>(context.Job.Parameters, StringComparer.Ordinal);
        foreach (var (k, v) in context.StateOf(c.Cluster)) vars[k] = v;
        return vars;
    }

    private static List<(string Name, Dictionary<string, double> Vars)> Apply(ConstraintStep step,
        List<(string Name, Dictionary<string, double> Vars)> alive, Dictionary<string, string> dropped)
    {
        var kept = new List<(string Name, Dictionary<string, double> Vars, double Value)>();
        foreach (var (name, vars) in alive)
        {
            double value;
            try { value = step.Expression!.Evaluate(vars); }
            catch (MissingVariableException e) { dropped.TryAdd(name, e.Message); continue; }
            if (step.Kind == StepKind.Filter && value == 0) { dropped.TryAdd(name, $"filter \"{step.Text}\" is false"); continue; }
            if (step.Kind == StepKind.Calc) vars[step.Target!] = value;
            kept.Add((name, vars, value));
        }
        IEnumerable<(string Name, Dictionary<string, double> Vars, double Value)> ordered = step.Kind switch
        {
            StepKind.SortAscending => kept.OrderBy(k => k.Value).ThenBy(k => k.Name, StringComparer.Ordinal),
            StepKind.SortDescending => kept.OrderByDescending(k => k.Value).ThenBy(k => k.Name, StringComparer.Ordinal),
            _ => kept,
        };
        return ordered.Select(k => (k.Name, k.Vars)).ToList();
    }
}
