using System.Diagnostics;

namespace Petal.Cli;

/// <summary>
/// PETAL_TRACE_LOADS=1 prints every assembly load (with ms since start) to stderr: start-up cost of short
/// commands such as validate and plan is mostly assembly loading, so this is how to see what a path pulls in.
/// </summary>
internal static class StartupTrace
{
    public static void EnableFromEnvironment()
    {
        if (Environment.GetEnvironmentVariable("PETAL_TRACE_LOADS") is not "1") return;
        var clock = Stopwatch.StartNew();
        AppDomain.CurrentDomain.AssemblyLoad += (_, e) =>
            Console.Error.WriteLine($"[{clock.Elapsed.TotalMilliseconds,7:0.0} ms] load {e.LoadedAssembly.GetName().Name}");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            Console.Error.WriteLine($"[{clock.Elapsed.TotalMilliseconds,7:0.0} ms] exit");
    }
}
