using System.Diagnostics;
using Petal.Tests.Support;

namespace Petal.Tests.Cli;

/// <summary>Tables a user pipes into grep, awk or sort: whole rows, tab-separated; on a terminal COLUMNS is the width.</summary>
public class TableOutputTests
{
    [Fact]
    public async Task Piped_tables_are_one_tab_separated_line_per_row_with_whole_names()
    {
        var result = await PetalProcess.RunAsync("catalog", "list", "--region", "us-east-1", "--family", "r6i");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines.Single(l => l.StartsWith("type\t", StringComparison.Ordinal)).Split('\t');
        Assert.Equal("interruptions", header[^1]);
        var rows = lines.Where(l => l.StartsWith("r6i.", StringComparison.Ordinal)).Select(l => l.Split('\t')).ToList();
        Assert.Contains(rows, r => r[0] == "r6i.8xlarge" && r[2] == "32");
        Assert.All(rows, r => Assert.Equal(header.Length, r.Length));
        Assert.DoesNotContain("│", result.Stdout);
    }

    [Fact]
    public async Task On_a_terminal_COLUMNS_sets_the_table_width()
    {
        var narrow = Lines(await OnTerminal(60));
        var wide = Lines(await OnTerminal(220));

        Assert.All(narrow, l => Assert.True(l.Length <= 60, l));
        Assert.Contains(wide, l => l.Contains("r6i.8xlarge") && l.Length > 60);
    }

    /// <summary>The lines as shown: without the terminal's control sequences and carriage returns.</summary>
    private static IEnumerable<string> Lines(string output) =>
        System.Text.RegularExpressions.Regex.Replace(output, @"\x1b(\[[0-9;?]*[A-Za-z]|[=>])", "").Split('\n').Select(l => l.TrimEnd('\r'));

    /// <summary>`catalog list` under a pseudo-terminal (util-linux script) with COLUMNS set.</summary>
    private static async Task<string> OnTerminal(int columns)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Petal.Cli.dll");
        var start = new ProcessStartInfo("script", ["-qec", $"dotnet {dll} catalog list --region us-east-1 --family r6i", "/dev/null"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.Environment["COLUMNS"] = columns.ToString();
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(process.ExitCode == 0, output);
        return output;
    }
}
