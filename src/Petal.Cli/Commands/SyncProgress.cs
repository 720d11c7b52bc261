namespace Petal.Cli.Commands;

/// <summary>Reports on the caller's thread, in order (Progress&lt;T&gt; posts to the thread pool and would race a spinner's end).</summary>
internal sealed class SyncProgress(Action<string> report) : IProgress<string>
{
    public void Report(string value) => report(value);
}
