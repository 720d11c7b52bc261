using System.CommandLine;
using Petal.Common;
using Petal.Defaults;
using Spectre.Console;

namespace Petal.Cli.Commands;

/// <summary>`petal config show`: the defaults petal uses when a flag is not given, and where each comes from.</summary>
public static class ConfigCommands
{
    public static IEnumerable<Command> Create()
    {
        var config = new Command("config", $"Defaults for flags (region, profile, key name, SSH range, subnet, provider): "
            + "flag > environment > $XDG_CONFIG_HOME/petal/config.yaml > built-in");
        var show = new Command("show", "Each default's value and where it came from (environment variable, file:line:col, built-in)");
        show.SetAction(parse =>
        {
            var defaults = UserDefaults.Current;
            var file = UserDefaults.FilePath();
            if (CliOutput.IsJson(parse))
            {
                CliOutput.WriteJson(new { File = file, Settings = defaults.All });
                return ExitCodes.Ok;
            }
            var table = new Table().AddColumns("Setting", "Value", "Source", "Where", "Flag / variable");
            foreach (var (value, setting) in defaults.All.Zip(UserDefaults.Settings))
                table.AddRow(setting.Key, Markup.Escape(value.Value ?? "(unset)"), value.Source.ToString().ToLowerInvariant(),
                    Markup.Escape(value.Where ?? ""), $"{setting.Flag} / {setting.Variable}");
            CliOutput.Console.Write(table);
            CliOutput.Console.WriteLine($"defaults file: {file}{(File.Exists(file) ? "" : " (absent)")}");
            return ExitCodes.Ok;
        });
        config.Subcommands.Add(show);
        return [config];
    }
}
