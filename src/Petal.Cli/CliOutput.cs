using System.CommandLine;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace Petal.Cli;

public enum OutputFormat { Human, Json }

/// <summary>Human output through Spectre.Console (NO_COLOR and redirected stdout respected); JSON for scripts.</summary>
public static class CliOutput
{
    public static readonly Option<OutputFormat> OutputOption = new("--output")
    {
        Description = "Output format: human (tables) or json (for scripts)",
        Recursive = true,
        DefaultValueFactory = _ => OutputFormat.Human,
    };

    /// <summary>Lazy so that human-output paths (validate, plan) never load System.Text.Json.</summary>
    public static JsonSerializerOptions Json => _json ??= new()
    {
        PropertyNamingPolicy = JsonNames.Policy,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    private static JsonSerializerOptions? _json;

    public static OutputFormat Format(ParseResult parse) => parse.GetValue(OutputOption);

    public static bool IsJson(ParseResult parse) => Format(parse) == OutputFormat.Json;

    private static IAnsiConsole? _console;

    /// <summary>Console for human output: plain text when stdout is not a terminal or NO_COLOR is set; tables as
    /// tab-separated rows when stdout is not a terminal (<see cref="PipeConsole"/>).</summary>
    public static IAnsiConsole Console => _console ??= PipeConsole.Create(AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = Plain ? AnsiSupport.No : AnsiSupport.Detect,
        ColorSystem = Plain ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
        Out = new AnsiConsoleOutput(System.Console.Out),
    }), System.Console.IsOutputRedirected, Environment.GetEnvironmentVariable("COLUMNS"));

    private static bool Plain =>
        System.Console.IsOutputRedirected || Environment.GetEnvironmentVariable("NO_COLOR") is { Length: > 0 };

    public static void WriteJson<T>(T value)
    {
        // Compiled natively (NativeCommands) there is no reflection-based JSON: --output json is handed on to the
        // managed petal, and the AOT compiler drops the serializer below.
        if (!RuntimeFeature.IsDynamicCodeSupported) throw new UnreachableException("--output json runs in the managed petal");
        System.Console.Out.WriteLine(JsonSerializer.Serialize(value, Json));
    }
}
