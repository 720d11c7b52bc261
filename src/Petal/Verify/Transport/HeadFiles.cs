using System.Text;
using Petal.Common;

namespace Petal.Verify.Transport;

/// <summary>Bash that copies files to and from the head node through nothing but a shell (<see cref="IClusterShell"/>, SSH or a twin's view).</summary>
public static class HeadFiles
{
    /// <summary>
    /// Creates <paramref name="path"/>'s directory and writes <paramref name="content"/> there. The content travels
    /// base64-encoded, so no line of it can end a heredoc or be read by bash.
    /// </summary>
    public static string Write(string path, string content) =>
        $"mkdir -p {ShellQuote.Single(Path.GetDirectoryName(path)!)} && printf %s {ShellQuote.Single(Convert.ToBase64String(Encoding.UTF8.GetBytes(content)))} "
        + $"| base64 -d > {ShellQuote.Single(path)}";

    /// <summary>The login user's home directory on the head node, or null when it has none.</summary>
    public static async Task<string?> HomeAsync(IClusterShell shell, CancellationToken cancellation) =>
        (await shell.RunAsync("printf %s \"$HOME\"", TimeSpan.FromSeconds(30), cancellation)).Stdout.Trim() is { Length: > 0 } home ? home : null;

    /// <summary>The content of <paramref name="path"/> on the head node, or null when it cannot be read (not there yet).</summary>
    public static async Task<string?> ReadAsync(IClusterShell shell, string path, CancellationToken cancellation)
    {
        var r = await shell.RunAsync($"cat {ShellQuote.Single(path)}", TimeSpan.FromSeconds(60), cancellation);
        return r.ExitCode == 0 ? r.Stdout : null;
    }
}
