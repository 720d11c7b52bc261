using Petal.Garden.Selection.Expressions;
using Petal.Garden.Values;
using Petal.Seeds.Yaml;

namespace Petal.Garden.Selection;

/// <summary>
/// Reads rainbow's <c>priorities</c> option: a YAML list of <c>{priority: N, steps: [{filter: expr} |
/// {calc: "name=expr"} | {sort_ascending: expr} | {sort_descending: expr} | {select: first|last|random}]}</c>,
/// or a whole rainbow config file (scheduler.algorithms.selection.options.priorities).
/// </summary>
public static class ConstraintOptions
{
    public static IReadOnlyList<ConstraintPriority> Parse(string yaml) => Parse(yaml, configFile: true);

    /// <param name="configFile">Whether a rainbow config may hold the list (once: the list it holds is read as a list).</param>
    private static IReadOnlyList<ConstraintPriority> Parse(string yaml, bool configFile)
    {
        var (root, diagnostics) = YamlTreeReader.Read(yaml, "priorities");
        if (diagnostics.Count > 0)
            throw new GardenInputException($"priorities: line {diagnostics[0].Location?.Line}: not valid YAML: {diagnostics[0].Message}");
        if (root is null or YScalar { IsNull: true }) throw new GardenInputException("priorities: empty");
        if (configFile && root is YMapping config && Find(config, "scheduler", "algorithms", "selection", "options", "priorities") is YScalar { Value: var inner })
            return Parse(inner, configFile: false);
        if (root is not YSequence list) throw new GardenInputException("priorities must be a list of {priority, steps}");
        var result = new List<ConstraintPriority>();
        foreach (var item in list.Items)
        {
            if (item is not YMapping m) throw Error(item, "each priority must be a mapping {priority, steps}");
            var priority = m.Get("priority") is YScalar { Value: var p } && int.TryParse(p, out var n) ? n
                : throw Error(item, "priority must be a whole number");
            if (m.Get("steps") is not YSequence steps) throw Error(item, "steps must be a list");
            result.Add(new ConstraintPriority(priority, steps.Items.Select(Step).ToList()));
        }
        return result.OrderBy(p => p.Priority).ToList();
    }

    private static ConstraintStep Step(YNode node)
    {
        if (node is not YMapping { Entries.Count: 1 } m || m.Entries[0] is not (YScalar { Value: var key }, YScalar { Value: var value }))
            throw Error(node, "a step is one of filter, calc, sort_ascending, sort_descending, select with a text value");
        try
        {
            switch (key)
            {
                case "filter": return new ConstraintStep(StepKind.Filter, value, Expr.Parse(value));
                case "sort_ascending": return new ConstraintStep(StepKind.SortAscending, value, Expr.Parse(value));
                case "sort_descending": return new ConstraintStep(StepKind.SortDescending, value, Expr.Parse(value));
                case "calc":
                    var eq = value.IndexOf('=');
                    var name = eq > 0 ? value[..eq].Trim() : "";
                    if (name.Length == 0 || !name.All(c => char.IsLetterOrDigit(c) || c is '_' or '.') || value.ElementAtOrDefault(eq + 1) == '=')
                        throw Error(node, $"calc \"{value}\" must be name=expression");
                    return new ConstraintStep(StepKind.Calc, value, Expr.Parse(value[(eq + 1)..]), name);
                case "select":
                    var how = value.Trim();
                    if (how is not ("first" or "last" or "random")) throw Error(node, $"select must be first, last or random, not '{how}'");
                    return new ConstraintStep(StepKind.Select, how, null);
                default: throw Error(node, $"unknown step '{key}' (known: filter, calc, sort_ascending, sort_descending, select)");
            }
        }
        catch (GardenInputException e) when (e.Location is null && !e.Message.StartsWith("priorities", StringComparison.Ordinal))
        {
            throw Error(node, e.Message);
        }
    }

    private static YNode? Find(YMapping m, params string[] path)
    {
        YNode? node = m;
        foreach (var key in path) node = node is YMapping map ? map.Get(key) : null;
        return node;
    }

    private static GardenInputException Error(YNode node, string message) =>
        new($"priorities: line {node.Location.Line}, column {node.Location.Column}: {message}");
}
