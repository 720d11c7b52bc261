using Petal.Tests.Support;

namespace Petal.Tests.Cli;

/// <summary>Destructive commands never wait for an answer nobody can give: without a terminal they need --yes, and say so.</summary>
public sealed class ConfirmationTests : IDisposable
{
    private readonly TempDirectory _state = new();

    public void Dispose() => _state.Dispose();

    private Task<PetalProcess.Result> Petal(params string[] args) =>
        PetalProcess.RunAsync(args, new Dictionary<string, string> { ["PETAL_STATE_DIR"] = _state.Path });

    [Fact]
    public async Task Delete_without_a_terminal_needs_yes_and_changes_nothing()
    {
        var twin = _state.Write("local/keepme/state.json", "{}");
        var result = await Petal("delete", "keepme");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("delete cluster keepme (local)", result.Stderr);
        Assert.Contains("pass --yes", result.Stderr);
        Assert.True(File.Exists(twin));
        // A name that is not a cluster name is refused before any question.
        var path = await Petal("delete", "../x");
        Assert.Equal(2, path.ExitCode);
        Assert.DoesNotContain("--yes", path.Stderr);
        Assert.Contains("no cluster named 'nothing-here'", (await Petal("delete", "nothing-here", "--yes")).Stderr);
    }
}
