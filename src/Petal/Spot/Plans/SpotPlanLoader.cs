using System.Globalization;
using Petal.Common;
using Petal.Seeds.Yaml;
using Petal.Spot.Selection;

namespace Petal.Spot.Plans;

public sealed record SpotPlanLoadResult(SpotPlan? Plan, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool Ok => Plan is not null && Diagnostics.All(d => !d.IsError);
}

/// <summary>
/// Reads and validates a spot plan, reporting every problem at once with file:line:col: unknown keys,
/// bad values, and template placeholders that are unknown or that an experiment leaves unfilled.
/// </summary>
public static partial class SpotPlanLoader
{
    private static readonly string[] TopKeys =
        ["region", "queue", "batches", "iterations", "seed", "choose", "arch", "hypervisor", "bare_metal", "gpu",
         "head_node", "node_startup", "template", "template_file", "experiments"];
    private static readonly string[] ExperimentKeys =
        ["name", "vcpus", "cores", "max_instance_types", "filter_instance_types", "max_spot_price", "nodes", "vars"];

    public static SpotPlanLoadResult Load(string path)
    {
        if (!InputFiles.TryReadText(path, out var text, out var problem)) throw new UserInputException($"plan file {problem}");
        return LoadText(text, path);
    }

    public static SpotPlanLoadResult LoadText(string text, string file)
    {
        var (root, parsed) = YamlTreeReader.Read(text, file);
        var r = new Reader(parsed.ToList());
        if (root is not YMapping top)
        {
            if (root is not null) r.Error(SpotPlanRules.Syntax, "", root.Location, "a plan is a mapping (region:, batches:, experiments: ...)", null);
            else if (r.Diagnostics.Count == 0) r.Error(SpotPlanRules.Syntax, "", new SourceLocation(file, 1, 1), "the plan is empty", "see docs/spot.md for the format");
            return new SpotPlanLoadResult(null, r.Diagnostics);
        }
        r.CheckKeys(top, "", TopKeys);
        var template = ReadTemplate(r, top, file);
        var experiments = ReadExperiments(r, top);
        var plan = new SpotPlan
        {
            SourceFile = file,
            Region = r.Name(top, "region", Patterns.Region) ?? SpotQuery.DefaultRegion,
            Queue = r.Name(top, "queue", Patterns.QueueName) ?? "spot",
            Batches = r.Int(top, "batches", 1, 1000) ?? 1,
            Iterations = r.Int(top, "iterations", 1, 1000) ?? 1,
            Seed = r.Int(top, "seed", int.MinValue, int.MaxValue) ?? 1,
            Choose = r.Enum(top, "choose", SpotChoice.Random),
            Architecture = r.OneOf(top, "arch", ["x86_64", "arm64"]) ?? "x86_64",
            Hypervisor = r.OneOf(top, "hypervisor", ["nitro", "xen"]),
            BareMetal = r.Bool(top, "bare_metal") ?? false,
            Gpu = r.Bool(top, "gpu") ?? false,
            HeadNode = r.Name(top, "head_node", Patterns.InstanceType) ?? "c6a.large",
            NodeStartup = r.Duration(top, "node_startup") ?? TimeSpan.FromMinutes(2),
            Template = template ?? new JobTemplate("", (_, _) => new SourceLocation(file, 1, 1)),
            Experiments = experiments,
        };
        if (template is not null) CheckPlaceholders(r, template, experiments);
        var ordered = r.Diagnostics.OrderBy(d => d.Location?.File, StringComparer.Ordinal)
            .ThenBy(d => d.Location?.Line).ThenBy(d => d.Location?.Column).ToList();
        return new SpotPlanLoadResult(ordered.Any(d => d.IsError) ? null : plan, ordered);
    }

    private static JobTemplate? ReadTemplate(Reader r, YMapping top, string file)
    {
        var inline = top.Get("template");
        var fromFile = top.Get("template_file");
        if (inline is not null && fromFile is not null)
        {
            r.Error(SpotPlanRules.Value, "template_file", fromFile.Location, "give template or template_file, not both", "remove one of them");
            return null;
        }
        if (fromFile is not null)
        {
            if (r.String(top, "template_file") is not { } relative) return null;
            var full = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".", relative));
            if (!InputFiles.TryReadText(full, out var text, out var problem))
            {
                r.Error(SpotPlanRules.Value, "template_file", fromFile.Location, $"template file {problem}", "give a path relative to the plan file");
                return null;
            }
            return new JobTemplate(text.Replace("\r\n", "\n"), (line, col) => new SourceLocation(full, line + 1, col + 1));
        }
        if (inline is null)
            return new JobTemplate(LammpsTemplate.Text, (line, col) => new SourceLocation("<built-in LAMMPS template>", line + 1, col + 1));
        if (inline is not YScalar { IsNull: false } s)
        {
            r.Error(SpotPlanRules.Value, "template", inline.Location, $"template must be text (a '|' block), not {inline.Describe()}", null);
            return null;
        }
        return new JobTemplate(s.Value, Locator(s, file));
    }

    /// <summary>Maps (template line, column) to the file: a block scalar's lines start on the line after '|', indented.</summary>
    private static Func<int, int, SourceLocation> Locator(YScalar s, string file)
    {
        var block = !s.Plain && !s.Quoted;
        var fileLines = File.Exists(file) ? File.ReadAllLines(file) : [];
        return (line, col) =>
        {
            if (!block) return new SourceLocation(file, s.Location.Line + line, (line == 0 ? s.Location.Column + (s.Quoted ? 1 : 0) : 1) + col);
            var fileLine = s.Location.Line + 1 + line;
            var text = fileLine - 1 < fileLines.Length ? fileLines[fileLine - 1] : "";
            var indent = text.Length - text.TrimStart(' ').Length;
            return new SourceLocation(file, fileLine, indent + col + 1);
        };
    }

    private static List<SpotExperiment> ReadExperiments(Reader r, YMapping top)
    {
        var result = new List<SpotExperiment>();
        var node = top.Get("experiments");
        if (node is not YSequence { Items.Count: > 0 } list)
        {
            r.Error(node is null ? SpotPlanRules.Missing : SpotPlanRules.Value, "experiments", node?.Location ?? top.Location,
                "a plan needs a list of experiments", "add experiments: [{name: 4x32vcpu, vcpus: 32, nodes: 4, vars: {...}}]");
            return result;
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Items.Count; i++)
        {
            var path = $"experiments[{i}]";
            if (list.Items[i] is not YMapping m)
            {
                r.Error(SpotPlanRules.Value, path, list.Items[i].Location, $"an experiment is a mapping, not {list.Items[i].Describe()}", null);
                continue;
            }
            r.CheckKeys(m, path, ExperimentKeys);
            var name = r.Name(m, "name", Patterns.Label, path);
            if (name is null && m.Get("name") is null)
                r.Error(SpotPlanRules.Missing, $"{path}.name", m.Location, "the experiment has no name", "add name: e.g. 4x32vcpu (letters, digits, '.', '_', '-')");
            if (name is not null && !names.Add(name))
                r.Error(SpotPlanRules.Value, $"{path}.name", m.Get("name")!.Location, $"experiment name '{name}' is used twice", "names are result folders: make them unique");
            var vcpus = r.Int(m, "vcpus", 1, 1024, path);
            var cores = r.Int(m, "cores", 1, 1024, path);
            if ((m.Get("vcpus") is null) == (m.Get("cores") is null))
                r.Error(SpotPlanRules.Value, path, m.Location, "give exactly one of vcpus or cores", "the node shape: vcpus: 32 or cores: 64");
            result.Add(new SpotExperiment
            {
                Name = name ?? $"experiment-{i + 1}",
                VCpus = vcpus,
                Cores = cores,
                MaxInstanceTypes = r.Int(m, "max_instance_types", 1, 50, path) ?? 4,
                FilterInstanceTypes = r.Int(m, "filter_instance_types", 0, 1000, path) ?? 20,
                MaxSpotPrice = r.Decimal(m, "max_spot_price", path),
                Nodes = r.Int(m, "nodes", 1, 1000, path) ?? 1,
                Vars = ReadVars(r, m, path),
                Location = m.Location,
            });
        }
        return result;
    }

    private static Dictionary<string, string> ReadVars(Reader r, YMapping m, string path)
    {
        var vars = new Dictionary<string, string>(StringComparer.Ordinal);
        var node = m.Get("vars");
        if (node is null) return vars;
        if (node is not YMapping map)
        {
            r.Error(SpotPlanRules.Value, $"{path}.vars", node.Location, $"vars is a mapping of NAME: value, not {node.Describe()}", "vars: {CPU: 10, X: 2, Y: 2, Z: 2, NP: 16}");
            return vars;
        }
        foreach (var (key, value) in map.Entries)
        {
            var vpath = $"{path}.vars.{key.Value}";
            if (!Patterns.TemplateVariable.IsMatch(key.Value) || JobTemplate.BuiltIns.Contains(key.Value))
                r.Error(SpotPlanRules.Value, vpath, key.Location,
                    JobTemplate.BuiltIns.Contains(key.Value) ? $"[[{key.Value}]] is filled by petal; it cannot be set in vars" : $"'{key.Value}' is not a placeholder name",
                    "use upper-case letters, digits and '_', starting with a letter (CPU, X, NP)");
            else if (value is not YScalar { IsNull: false } s || !Patterns.TemplateValue.IsMatch(s.Value))
                r.Error(SpotPlanRules.Value, vpath, value.Location, $"the value of {key.Value} must be a plain word or number, not {value.Describe()}",
                    "it is pasted into a job script: letters, digits and . _ - / : = + , only");
            else vars[key.Value] = s.Value;
        }
        return vars;
    }

    private static void CheckPlaceholders(Reader r, JobTemplate template, IReadOnlyList<SpotExperiment> experiments)
    {
        var everyVar = experiments.SelectMany(e => e.Vars.Keys).ToHashSet(StringComparer.Ordinal);
        var used = template.Placeholders.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var p in template.Placeholders.Where(p => !JobTemplate.BuiltIns.Contains(p.Name)))
        {
            if (!everyVar.Contains(p.Name))
            {
                r.Add(new Diagnostic(SpotPlanRules.UnknownPlaceholder, Severity.Error, $"unknown placeholder [[{p.Name}]]: no experiment's vars define {p.Name}",
                    "template", p.Location, $"add {p.Name} to each experiment's vars, or use one of [[NODES]], [[TAG]] or a defined var"));
                continue;
            }
            for (var i = 0; i < experiments.Count; i++)
                if (!experiments[i].Vars.ContainsKey(p.Name))
                    r.Add(new Diagnostic(SpotPlanRules.UnfilledPlaceholder, Severity.Error,
                        $"experiment '{experiments[i].Name}' leaves [[{p.Name}]] unfilled (used at {p.Location})",
                        $"experiments[{i}].vars", experiments[i].Location, $"add {p.Name}: <value> to its vars"));
        }
        for (var i = 0; i < experiments.Count; i++)
            foreach (var name in experiments[i].Vars.Keys.Where(v => !used.Contains(v)))
                r.Add(new Diagnostic(SpotPlanRules.UnusedVar, Severity.Warning, $"var {name} of experiment '{experiments[i].Name}' is not used by the template",
                    $"experiments[{i}].vars.{name}", experiments[i].Location, $"remove it, or write [[{name}]] in the template"));
    }
}
