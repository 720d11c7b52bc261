using System.Text.Json;
using Petal.Cli;

namespace Petal.Tests.Spack;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    /// <summary>Tests that swap Console.Out/Error run alone.</summary>
    public const string Name = "Console";
}

[Collection(ConsoleCollection.Name)]
public class SpecCommandTests
{
    private static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            var exit = await PetalCli.RunAsync(args);
            return (exit, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
        }
    }

    /// <summary>Runs `petal spec` on an invalid spec: exit 2, and the lines written to stderr.</summary>
    private static async Task<string[]> RejectedLinesAsync(string spec)
    {
        var (exit, _, error) = await RunAsync("spec", spec);
        Assert.Equal(2, exit);
        return error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
    }

    [Fact]
    public async Task Json_output_has_the_canonical_form_and_parts()
    {
        var (exit, output, _) = await RunAsync("spec", "--output", "json", "hdf5@1.14 +mpi precision=float,double cflags='-O3 -g' %gcc@12 ^[virtuals=mpi] openmpi@4.1");
        Assert.Equal(0, exit);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal("hdf5@1.14%gcc@12 cflags='-O3 -g' +mpi precision=double,float ^[virtuals=mpi] openmpi@4.1", json.GetProperty("canonical").GetString());
        Assert.Equal("hdf5", json.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("namespace").ValueKind);
        Assert.Equal("1.14", json.GetProperty("versions").GetString());
        Assert.Equal("gcc@12", json.GetProperty("compiler").GetString());
        Assert.True(json.GetProperty("variants").GetProperty("mpi").GetBoolean());
        Assert.Equal(["double", "float"], json.GetProperty("variants").GetProperty("precision").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(["-O3", "-g"], json.GetProperty("flags").GetProperty("cflags").EnumerateArray().Select(v => v.GetString()));
        var dependency = Assert.Single(json.GetProperty("dependencies").EnumerateArray());
        Assert.Equal("openmpi@4.1", dependency.GetProperty("canonical").GetString());
        Assert.Equal("mpi", Assert.Single(dependency.GetProperty("virtuals").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task Invalid_spec_exits_2_with_kind_message_and_column_in_json()
    {
        var (exit, output, _) = await RunAsync("spec", "--output", "json", "openmpi@4.1.4; rm -rf /");
        Assert.Equal(2, exit);
        var error = JsonDocument.Parse(output).RootElement.GetProperty("error");
        var problem = Assert.Single(error.GetProperty("diagnostics").EnumerateArray());
        Assert.Equal("SpecTokenizationError", problem.GetProperty("rule").GetString());
        Assert.Equal(14, problem.GetProperty("column").GetInt32());
        Assert.Contains("unexpected tokens", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Invalid_spec_exits_2_with_a_caret_in_human_output()
    {
        var lines = await RejectedLinesAsync("hdf5 +mpi+mpi");
        Assert.Contains("DuplicateVariantError", lines[0]);
        Assert.Equal("  hdf5 +mpi+mpi", lines[1]);
        Assert.Equal("           ^", lines[2]);
    }

    [Fact]
    public async Task Caret_stays_aligned_when_the_spec_holds_control_characters()
    {
        var lines = await RejectedLinesAsync("zlib\n+mpi");
        Assert.Contains("a newline", lines[0]);
        Assert.Equal("  zlib?+mpi", lines[1]);
        Assert.Equal("      ^", lines[2]);
    }

    [Fact]
    public async Task Human_output_lists_the_parts()
    {
        var (exit, output, _) = await RunAsync("spec", "fftw@3.3.10 precision=float,double ^mpich");
        Assert.Equal(0, exit);
        Assert.StartsWith("fftw@3.3.10 precision=double,float ^mpich", output);
        Assert.Contains("variant precision", output);
        Assert.Contains("dependency", output);
    }
}
