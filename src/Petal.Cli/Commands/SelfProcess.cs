using System.Diagnostics;

namespace Petal.Cli.Commands;

/// <summary>Starts this petal executable again in the background, for work that outlives the command (a detached build).</summary>
public static class SelfProcess
{
    /// <summary>
    /// Runs `petal ARGS` in its own session (setsid: no terminal, Ctrl-C in the shell does not reach it) with
    /// stdin from /dev/null and stdout and stderr appended to <paramref name="log"/>. Returns its pid.
    /// </summary>
    public static int StartDetached(IReadOnlyList<string> args, string log)
    {
        // sh only wires the descriptors: every value travels as a positional argument, never inside the script.
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = Environment.CurrentDirectory };
        foreach (var a in new[] { "-c", "log=$1; shift; exec setsid \"$@\" </dev/null >>\"$log\" 2>&1", "petal-detach", log })
            start.ArgumentList.Add(a);
        foreach (var a in Command().Concat(args)) start.ArgumentList.Add(a);
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the background petal process");
        return process.Id;
    }

    /// <summary>The command line that runs this petal: the apphost, or `dotnet Petal.Cli.dll`.</summary>
    private static IEnumerable<string> Command()
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell which executable runs petal");
        return Path.GetFileNameWithoutExtension(host) == "dotnet"
            ? [host, typeof(SelfProcess).Assembly.Location]
            : [host];
    }
}
