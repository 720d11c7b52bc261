using System.Runtime.InteropServices;

namespace Petal.Common;

/// <summary>Where a path really leads (every symbolic link followed), for checks that a file lies inside a folder.</summary>
public static class RealPaths
{
    [DllImport("libc", EntryPoint = "realpath")]
    private static extern IntPtr RealPathNative([MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr resolved);

    [DllImport("libc", EntryPoint = "free")]
    private static extern void Free(IntPtr pointer);

    /// <summary>The canonical absolute path (links, '.' and '..' resolved), or null when it does not exist.</summary>
    public static string? Resolve(string path)
    {
        if (OperatingSystem.IsWindows()) return File.Exists(path) || Directory.Exists(path) ? Path.GetFullPath(path) : null;
        var p = RealPathNative(path, IntPtr.Zero);
        if (p == IntPtr.Zero) return null;
        try { return Marshal.PtrToStringUTF8(p); }
        finally { Free(p); }
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="folder"/> or below it (both absolute and canonical).</summary>
    public static bool IsInside(string path, string folder) =>
        path == folder || path.StartsWith(folder.TrimEnd('/') + "/", StringComparison.Ordinal);
}
