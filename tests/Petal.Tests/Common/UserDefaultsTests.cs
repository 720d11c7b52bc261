using System.Text.Json;
using Petal.Common;
using Petal.Defaults;
using Petal.Tests.Support;

namespace Petal.Tests.Common;

/// <summary>The defaults file and its precedence: flag &gt; environment &gt; file &gt; built-in, every source reported.</summary>
public sealed class UserDefaultsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string File(string text) => _dir.Write("petal/config.yaml", text);

    private static Func<string, string?> Env(params (string Key, string Value)[] vars) =>
        name => vars.FirstOrDefault(v => v.Key == name).Value;

    [Fact]
    public void Each_value_comes_from_the_first_source_that_has_it()
    {
        var file = File("region: eu-west-1\nkey_name: lab-key\nprovider: aws\nssh_cidr: 203.0.113.0/24\n");
        var defaults = UserDefaults.Load(Env(("AWS_REGION", "us-east-2")), file);
        Assert.Equal(new DefaultValue("region", "us-east-2", DefaultSource.Environment, "AWS_REGION"), defaults.Resolve("region", null));
        Assert.Equal(new DefaultValue("region", "ap-south-1", DefaultSource.Flag, "--region"), defaults.Resolve("region", "ap-south-1"));
        Assert.Equal(new DefaultValue("key_name", "lab-key", DefaultSource.File, $"{file}:2:11"), defaults.Resolve("key_name", null));
        Assert.Equal(("aws", DefaultSource.File), (defaults.Resolve("provider", null).Value, defaults.Resolve("provider", null).Source));
        Assert.Equal(("local", DefaultSource.BuiltIn), (UserDefaults.Load(Env(), _dir.File("none.yaml")).Resolve("provider", null).Value,
            UserDefaults.Load(Env(), _dir.File("none.yaml")).Resolve("provider", null).Source));
        Assert.Equal(DefaultSource.Unset, defaults.Resolve("subnet_id", null).Source);
        Assert.Equal(UserDefaults.Settings.Select(s => s.Key), defaults.All.Select(v => v.Key));
    }

    [Fact]
    public void Bad_values_and_unknown_keys_are_all_reported_with_their_location()
    {
        var file = File("region: moon-1\nkeyname: x\nsubnet_id: [a]\nprovider: gcp\n");
        var e = Assert.Throws<UserInputException>(() => UserDefaults.Load(Env(("PETAL_SSH_CIDR", "everyone")), file));
        Assert.Contains($"{file}:1:9: region is 'moon-1', not a region", e.Message);
        Assert.Contains($"{file}:2:1: unknown setting 'keyname'", e.Message);
        Assert.Contains($"{file}:3:12: subnet_id is a list", e.Message);
        Assert.Contains($"{file}:4:11: provider is 'gcp', not local or aws", e.Message);
        Assert.Contains("PETAL_SSH_CIDR=everyone: not an address range", e.Message);
        Assert.Contains("is a mapping", Assert.Throws<UserInputException>(() => UserDefaults.Load(Env(), File("- region"))).Message);
        Assert.Contains("YAML", Assert.Throws<UserInputException>(() => UserDefaults.Load(Env(), File("region: [\n"))).Message);
    }

    [Fact]
    public async Task Config_show_lists_each_value_and_where_it_came_from()
    {
        var file = File("region: eu-west-1\nsubnet_id: subnet-0123456789abcdef0\n");
        var env = new Dictionary<string, string>
        {
            ["XDG_CONFIG_HOME"] = _dir.Path, ["PETAL_KEY_NAME"] = "ci-key", ["AWS_REGION"] = "", ["AWS_PROFILE"] = "", ["PETAL_PROVIDER"] = "",
            ["PETAL_SSH_CIDR"] = "", ["PETAL_SUBNET_ID"] = "",
        };
        var result = await PetalProcess.RunAsync(["config", "show", "--output", "json"], env);
        Assert.True(result.ExitCode == 0, result.Stderr);
        var json = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal(file, json.GetProperty("file").GetString());
        var settings = json.GetProperty("settings").EnumerateArray().ToDictionary(s => s.GetProperty("key").GetString()!,
            s => (s.GetProperty("value").GetString(), s.GetProperty("source").GetString(), s.GetProperty("where").GetString()));
        Assert.Equal(("eu-west-1", "file", $"{file}:1:9"), settings["region"]);
        Assert.Equal(("ci-key", "environment", "PETAL_KEY_NAME"), settings["key_name"]);
        Assert.Equal(("local", "built_in", null), settings["provider"]);
        var bad = await PetalProcess.RunAsync(["config", "show"], new Dictionary<string, string>(env) { ["PETAL_PROVIDER"] = "gcp" });
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("PETAL_PROVIDER=gcp: not local or aws", bad.Stderr);
    }
}
