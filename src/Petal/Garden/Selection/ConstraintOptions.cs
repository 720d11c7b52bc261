using Petal.Garden.Selection.Expressions;
using Petal.Garden.Values;
using YamlDotNet.RepresentationModel;

namespace Petal.Garden.Selection;

/// <summary>
/// Reads rainbow's <c>priorities</c> option: a YAML list of <c>{priority: N, steps: [{filter: expr} |
/// {calc: "name=expr"} | {sort_ascending: expr} | {sort_descending: expr} | {select: first|last|random}]}</c>,
/// or a whole rainbow config file (scheduler.algorithms.selection.options.priorities).
/// </summary>
public static class ConstraintOptions
{
    public static IReadOnlyList<ConstraintPriority> Parse(string yaml)
    {
        var stream = new YamlStream();
        try { stream.Load(new StringReader(yaml)); }
        catch (YamlDotNet.Core.YamlException e) { throw new GardenInputException($"priorities: line {e.Start.Line}: not valid YAML: {e.Message}"); }
        if (stream.Documents.Count == 0) throw new GardenInputException("priorities: empty");
        var root = stream.Documents[0].RootNode;
        if (root is YamlMappingNode config && Find(config, "scheduler", "algorithms", "selection", "options", "priorities") is YamlScalarNode { Value: { } inner })
            return Parse(inner);
        if (root is not YamlSequenceNode list) throw new GardenInputException("priorities must be a list of {priority, steps}");
        var result = new List<ConstraintPriority>();
        foreach (var item in list.Children)
        {
            if (item is not YamlMappingNode m) throw Error(item, "each priority must be a mapping {priority, steps}");
            var priority = Get(m, "priority") is YamlScalarNode { Value: { } p } && int.TryParse(p, out var n) ? n
                : throw Error(item, "priority must be a whole number");
            if (Get(m, "steps") is not YamlSequenceNode steps) throw Error(item, "steps must be a list");
            result.Add(new ConstraintPriority(priority, steps.Children.Select(Step).ToList()));
        }
        return result.OrderBy(p => p.Priority).ToList();
    }

    private static ConstraintStep Step(YamlNode node)
    {
        if (node is not YamlMappingNode { Children.Count: 1 } m || m.Children.First() is not (YamlScalarNode { Value: { } key }, YamlScalarNode { Value: { } value }))
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

    private static YamlNode? Get(YamlMappingNode m, string key) => m.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;

    private static YamlNode? Find(YamlMappingNode m, params string[] path)
    {
        YamlNode? node = m;
        foreach (var key in path) node = node is YamlMappingNode map ? Get(map, key) : null;
        return node;
    }

    private static GardenInputException Error(YamlNode node, string message) =>
        new($"priorities: line {node.Start.Line}, column {node.Start.Column}: {message}");
}
