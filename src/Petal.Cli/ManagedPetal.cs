using System.Runtime.InteropServices;
using Petal.Common;

namespace Petal.Cli;

/// <summary>
/// Hands a command line on to the managed petal: exec(3) of the Petal.Cli executable beside this one, with the same
/// arguments and environment. exec replaces this process, so the managed petal keeps its pid, its terminal, stdin,
/// stdout and stderr, receives the signals (Ctrl-C) and its exit code is the tool's.
/// </summary>
internal static partial class ManagedPetal
{
    /// <summary>The managed executable's file name, beside this one in the tool package (Petal.Cli's AssemblyName).</summary>
    private const string Executable = "Petal.Cli";

    public static int Exec(string[] args)
    {
        var path = Path.Combine(AppContext.BaseDirectory, Executable);
        string?[] argv = [path, .. args, null];
        execv(path, argv);
        // Only reached when exec failed.
        var error = Marshal.GetLastPInvokeErrorMessage();
        return ErrorOutput.Write(PetalException.Failed(
            $"cannot start the managed petal {path}: {error}\nreinstall the tool: ./install.sh (docs/install.md)", []), json: false);
    }

    [LibraryImport("libc", EntryPoint = "execv", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int execv(string path, string?[] argv);
}
