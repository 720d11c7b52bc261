using Petal.Common;
using Petal.Seeds.Yaml;

namespace Petal.Defaults;

public enum DefaultSource { Flag, Environment, File, BuiltIn, Unset }

/// <summary>One setting's value and where it came from (<see cref="Where"/>: the flag, variable, or file:line:col).</summary>
public sealed record DefaultValue(string Key, string? Value, DefaultSource Source, string? Where);

/// <summary>
/// The user's defaults for flags petal commands share, with the precedence flag &gt; environment &gt; file &gt; built-in.
/// The file is <c>$XDG_CONFIG_HOME/petal/config.yaml</c> (<c>~/.config/petal/config.yaml</c>): a mapping of the keys of
/// <see cref="Settings"/>, read with petal's bounded YAML reader; a bad value or unknown key is an error at its
/// file:line:col, all of them at once. Values from the environment are checked the same way.
/// </summary>
public sealed class UserDefaults
{
    /// <summary>A setting: its file key, the flag it defaults, the variable that overrides the file, the built-in value, and its check.</summary>
    public sealed record Setting(string Key, string Flag, string Variable, string? BuiltIn, string Description, Func<string, bool> Valid, string Expected);

    public static readonly IReadOnlyList<Setting> Settings =
    [
        new("region", "--region", "AWS_REGION", null, "AWS region", Patterns.Region.IsMatch, "a region such as us-east-1"),
        new("profile", "--profile", "AWS_PROFILE", null, "AWS profile", Patterns.Label.IsMatch, "a profile name of ~/.aws/config"),
        new("key_name", "--key-name", "PETAL_KEY_NAME", null, "EC2 key pair for SSH to head nodes", Patterns.KeyName.IsMatch, "an EC2 key pair name"),
        new("ssh_cidr", "--ssh-cidr", "PETAL_SSH_CIDR", null, "address range allowed to SSH to head nodes",
            v => System.Net.IPNetwork.TryParse(v, out _), "an address range such as 203.0.113.7/32"),
        new("subnet_id", "--subnet-id", "PETAL_SUBNET_ID", null, "existing subnet for clusters", Patterns.SubnetId.IsMatch, "a subnet id such as subnet-0123456789abcdef0"),
        new("provider", "--provider", "PETAL_PROVIDER", "local", "where `petal create` grows clusters", v => v is "local" or "aws", "local or aws"),
    ];

    private readonly Dictionary<string, DefaultValue> _values;

    private UserDefaults(Dictionary<string, DefaultValue> values) => _values = values;

    /// <summary>The defaults file: <c>$XDG_CONFIG_HOME/petal/config.yaml</c>, else <c>~/.config/petal/config.yaml</c>.</summary>
    public static string FilePath(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var config = environment("XDG_CONFIG_HOME") is { Length: > 0 } x
            ? x : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return Path.Combine(config, "petal", "config.yaml");
    }

    private static UserDefaults? _current;

    /// <summary>This process's defaults (the real environment and file), read once.</summary>
    public static UserDefaults Current => _current ??= Load();

    public static UserDefaults Load(Func<string, string?>? environment = null, string? file = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        file ??= FilePath(environment);
        var problems = new List<string>();
        var fromFile = ReadFile(file, problems);
        var values = new Dictionary<string, DefaultValue>(StringComparer.Ordinal);
        foreach (var s in Settings)
        {
            if (environment(s.Variable) is { Length: > 0 } env)
            {
                if (!s.Valid(env)) problems.Add($"{s.Variable}={Shown(env)}: not {s.Expected}");
                values[s.Key] = new(s.Key, env, DefaultSource.Environment, s.Variable);
            }
            else if (fromFile.TryGetValue(s.Key, out var v)) values[s.Key] = v;
            else values[s.Key] = new(s.Key, s.BuiltIn, s.BuiltIn is null ? DefaultSource.Unset : DefaultSource.BuiltIn, null);
        }
        if (problems.Count > 0) throw new UserInputException(string.Join("\n", problems));
        return new UserDefaults(values);
    }

    /// <summary>The value of <paramref name="key"/>: <paramref name="flag"/> when given, else the environment's, the file's, the built-in one.</summary>
    public DefaultValue Resolve(string key, string? flag)
    {
        var setting = Settings.First(s => s.Key == key);
        return flag is not null ? new(key, flag, DefaultSource.Flag, setting.Flag) : _values[key];
    }

    public string? Value(string key, string? flag) => Resolve(key, flag).Value;

    /// <summary>Every setting as no flag was given (`petal config show`).</summary>
    public IReadOnlyList<DefaultValue> All => Settings.Select(s => _values[s.Key]).ToList();

    private static Dictionary<string, DefaultValue> ReadFile(string file, List<string> problems)
    {
        var values = new Dictionary<string, DefaultValue>(StringComparer.Ordinal);
        if (!File.Exists(file)) return values;
        if (!InputFiles.TryReadText(file, out var text, out var problem))
        {
            problems.Add($"defaults file {problem}");
            return values;
        }
        var (root, diagnostics) = YamlTreeReader.Read(text, file);
        problems.AddRange(diagnostics.Select(d => d.ToString()));
        if (root is null or YScalar { IsNull: true }) return values;
        if (root is not YMapping map)
        {
            problems.Add($"{root.Location}: the defaults file is a mapping (key: value lines), not {root.Describe()}");
            return values;
        }
        foreach (var (key, node) in map.Entries)
        {
            var setting = Settings.FirstOrDefault(s => s.Key == key.Value);
            if (setting is null)
                problems.Add($"{key.Location}: unknown setting '{Shown(key.Value)}' (known: {string.Join(", ", Settings.Select(s => s.Key))})");
            else if (node is not YScalar { IsNull: false } scalar || !setting.Valid(scalar.Value))
                problems.Add($"{node.Location}: {setting.Key} is {node.Describe()}, not {setting.Expected}");
            else values[setting.Key] = new(setting.Key, scalar.Value, DefaultSource.File, node.Location.ToString());
        }
        return values;
    }

    private static string Shown(string value) => value.Length <= 60 ? value : value[..57] + "...";
}
