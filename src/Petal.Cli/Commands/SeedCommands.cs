using System.CommandLine;
using Petal.Catalog;
using Petal.Common;
using Petal.Seeds;
using Petal.Seeds.Schema;

namespace Petal.Cli.Commands;

/// <summary>`petal validate SEED [--strict]` and `petal schema`.</summary>
public static class SeedCommands
{
    public static IEnumerable<Command> Create() => [Validate(), Schema()];

    private static Command Validate()
    {
        var seed = new Argument<string>("SEED") { Description = "Seed file (YAML)" };
        var strict = new Option<bool>("--strict") { Description = "Treat warnings as errors (exit 2)" };
        var command = new Command("validate", "Check a seed: YAML, keys, types, ParallelCluster limits, catalog, Spack specs; all problems at once")
        {
            seed, strict,
        };
        command.SetAction(parse =>
        {
            var result = SeedLoader.Load(parse.GetValue(seed)!, EmbeddedCatalog.Default);
            var valid = result.Ok && !(parse.GetValue(strict) && result.Warnings.Any());
            if (CliOutput.IsJson(parse)) CliOutput.WriteJson(DiagnosticPrinter.ToJson(result.Diagnostics, valid));
            else
            {
                DiagnosticPrinter.Write(Console.Out, result.Diagnostics);
                if (valid) Console.Out.WriteLine($"{result.Seed!.SourceFile}: valid");
            }
            return valid ? ExitCodes.Ok : ExitCodes.InvalidInput;
        });
        return command;
    }

    private static Command Schema()
    {
        var command = new Command("schema", "Print the JSON Schema (draft 2020-12) of the seed format, for editors");
        command.SetAction(_ =>
        {
            Console.Out.Write(JsonSchemaWriter.Write());
            return ExitCodes.Ok;
        });
        return command;
    }
}
