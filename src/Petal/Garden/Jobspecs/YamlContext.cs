using System.Globalization;
using Petal.Common;
using Petal.Garden.Values;
using Petal.Seeds;
using Petal.Seeds.Yaml;

namespace Petal.Garden.Jobspecs;

/// <summary>
/// Reads a jobspec's YAML tree (from <see cref="YamlTreeReader"/>, petal's one bounded YAML reader) collecting every
/// error with its line:column, then throws them all at once.
/// </summary>
internal sealed class YamlContext(string file)
{
    /// <summary>Any count in a jobspec (nodes, tasks, cores, GPUs, replicas), also once slots and replicas multiply it.</summary>
    public const long MaxCount = 1_000_000;

    /// <summary>Resources in a jobspec, nested ones and those aliases repeat included (a real one has a handful).</summary>
    public const int MaxResources = 1_000;

    private readonly List<string> _errors = [];
    private int _resources;

    public string File => file;

    public void Error(YNode node, string message) => _errors.Add($"{node.Location}: {message}");

    public void ThrowIfErrors()
    {
        if (_errors.Count > 0) throw new GardenInputException(string.Join(Environment.NewLine, _errors));
    }

    public static YNode? Load(string yaml, string file)
    {
        var (root, diagnostics) = YamlTreeReader.Read(yaml, file);
        if (diagnostics.Count > 0)
            throw new GardenInputException(string.Join(Environment.NewLine, diagnostics.Select(d =>
                $"{d.Location}: {(d.RuleId == SeedRuleIds.YamlSyntax ? "not valid YAML: " : "")}{d.Message}")));
        return root is YScalar { IsNull: true } ? null : root;
    }

    public static YNode? Get(YMapping map, string key) => map.Get(key);

    public string? Scalar(YNode? node, string what)
    {
        if (node is null) return null;
        if (node is YScalar s) return s.Value;
        Error(node, $"{what} must be a single value");
        return null;
    }

    public long? Integer(YNode? node, string what, long min)
    {
        var text = Scalar(node, what);
        if (text is null) return null;
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= MaxCount) return n;
        Error(node!, $"{what} must be a whole number from {min} to {MaxCount:N0}, not '{text}'");
        return null;
    }

    /// <summary>Counts one more resource; false (error recorded once) past <see cref="MaxResources"/>, so matching stays cheap.</summary>
    public bool AnotherResource(YNode at)
    {
        if (++_resources <= MaxResources) return true;
        if (_resources == MaxResources + 1) Error(at, $"more than {MaxResources:N0} resources in one jobspec (aliases count each time they are used)");
        return false;
    }

    /// <summary>a × b for counts, refused (null, error recorded) beyond <see cref="MaxCount"/>.</summary>
    public long? Product(YNode at, string what, long a, long b)
    {
        if (a <= MaxCount && b <= MaxCount && a * b <= MaxCount) return a * b;
        Error(at, $"{what}: {a:N0} × {b:N0} is more than {MaxCount:N0}");
        return null;
    }

    /// <summary>A walltime within <see cref="Walltime.Max"/>; <paramref name="seconds"/> also takes a bare number of seconds.</summary>
    public TimeSpan? Duration(YNode? node, string what, bool seconds)
    {
        if (Scalar(node, what) is not { } text) return null;
        if (seconds && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var s))
        {
            if (double.IsFinite(s) && s > 0 && s <= Walltime.Max.TotalSeconds) return TimeSpan.FromSeconds(s);
        }
        else if (Walltime.TryParse(text, out var w) && w > TimeSpan.Zero) return w;
        Error(node!, $"{what} '{text}' is not a duration from 1 second to {Walltime.Max.TotalDays:0} days ("
            + (seconds ? "seconds, or " : "minutes, ") + "01:30:00, 2h, 1-00:00:00)");
        return null;
    }

    /// <summary>A command's arguments: a list, or one text split on spaces. NUL cannot reach a process's argv or a script.</summary>
    public IReadOnlyList<string> Command(YNode? node)
    {
        var arguments = node switch
        {
            YSequence list => list.Items.Select(c => Scalar(c, "command") ?? "").ToList(),
            { } c => (Scalar(c, "command") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList(),
            null => [],
        };
        if (node is not null && arguments.Any(a => a.Contains('\0')))
            Error(node, "command: an argument holds a NUL character, which no program can receive; remove it");
        return arguments;
    }

    public YMapping? Mapping(YNode? node, string what)
    {
        if (node is null or YMapping) return (YMapping?)node;
        Error(node, $"{what} must be a mapping (key: value)");
        return null;
    }

    public IEnumerable<YNode> Sequence(YNode? node, string what)
    {
        if (node is null) return [];
        if (node is YSequence seq) return seq.Items;
        Error(node, $"{what} must be a list");
        return [];
    }

    /// <summary>Flags keys not in <paramref name="known"/>, naming the known ones.</summary>
    public void CheckKeys(YMapping map, string what, params string[] known)
    {
        foreach (var (key, _) in map.Entries)
            if (!known.Contains(key.Value))
                Error(key, $"unknown key '{key.Value}' in {what}: "
                    + (Seeds.DidYouMean.Hint(key.Value, known) ?? $"known: {string.Join(", ", known)}"));
    }

    /// <summary>Numbers below a mapping (<c>attributes.parameter</c>); anything else is an error.</summary>
    public Dictionary<string, double> Numbers(YMapping? map, string what)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        if (map is null) return result;
        foreach (var (k, v) in map.Entries)
        {
            var text = Scalar(v, $"{what}.{k.Value}");
            if (text is null) continue;
            if (Quantity.TryParseNumber(text, out var n) && double.IsFinite(n)) result[k.Value] = n;
            else Error(v, $"{what}.{k.Value} must be a number, not '{text}'");
        }
        return result;
    }
}
