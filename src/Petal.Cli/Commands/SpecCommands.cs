using System.CommandLine;
using Petal.Common;
using Petal.Spack;

namespace Petal.Cli.Commands;

/// <summary><c>petal spec "&lt;spec&gt;"</c>: parse a Spack spec, print its canonical form and parts, or the error.</summary>
public static class SpecCommands
{
    public static IEnumerable<Command> Create()
    {
        var specArgument = new Argument<string>("spec") { Description = "A Spack 0.23 spec, e.g. \"hdf5@1.14 +mpi %gcc@12 ^openmpi@4.1\" (quote it)" };
        var command = new Command("spec", "Parse a Spack spec: canonical form and parts (name, versions, compiler, variants, flags, dependencies), or the error with its column");
        command.Arguments.Add(specArgument);
        command.SetAction(parse => Run(parse.GetValue(specArgument) ?? "", CliOutput.IsJson(parse)));
        return [command];
    }

    internal static int Run(string text, bool json)
    {
        if (!SpecParser.TryParse(text, out var spec, out var error))
        {
            if (json)
                return ErrorOutput.Write(PetalException.Invalid([new Diagnostic(error.Kind, Severity.Error, error.Message, "spec",
                    new SourceLocation("<spec>", 1, error.Column))]), json);
            // Human output keeps the caret under the column, which a diagnostic line cannot show.
            foreach (var line in SpecRendering.ErrorLines(text, error))
                Console.Error.WriteLine(line);
            return ExitCodes.InvalidInput;
        }
        if (json) CliOutput.WriteJson(SpecRendering.View(spec));
        else SpecRendering.WriteHuman(CliOutput.Console, spec);
        return ExitCodes.Ok;
    }
}
