using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Petal.Common;

/// <summary>
/// Reads a user's input file (seed, spot plan, jobspec) safely: regular files only (a FIFO, device, socket or
/// directory is refused without blocking: the file is opened non-blocking and checked with fstat before any read),
/// and at most <c>maxBytes</c> are read from the stream itself (a file's reported length can lie: /dev/zero, /proc).
/// </summary>
public static class InputFiles
{
    /// <summary>Input files are hand-written YAML of a few kilobytes; 1 MiB is far beyond any real one.</summary>
    public const long MaxBytes = 1 << 20;

    public static bool TryReadText(string path, out string text, out string problem) => TryReadText(path, MaxBytes, out text, out problem);

    /// <summary>The file's text, or a <see cref="UserInputException"/> ("jobspec FILE is a FIFO, not a regular file").</summary>
    public static string ReadText(string path, string what) =>
        TryReadText(path, out var text, out var problem) ? text : throw new UserInputException($"{what} {problem}");

    public static bool TryReadText(string path, long maxBytes, out string text, out string problem)
    {
        text = "";
        problem = Read(path, maxBytes, ref text);
        return problem.Length == 0;
    }

    private static string Read(string path, long maxBytes, ref string text)
    {
        if (path.Length == 0) return "no file given (the path is empty)";
        if (path.Contains('\0')) return "the path holds a NUL character";
        var fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno switch
            {
                ENOENT or ENOTDIR => $"{path} does not exist",
                EACCES or EPERM => $"{path} cannot be read (permission denied)",
                EISDIR => $"{path} is a directory, not a file",
                _ => $"{path} cannot be opened ({Marshal.GetPInvokeErrorMessage(errno)})",
            };
        }
        using var handle = new SafeFileHandle(fd, ownsHandle: true);
        if (Kind(fd) is { } kind) return $"{path} is {kind}, not a regular file";
        try
        {
            using var stream = new FileStream(handle, FileAccess.Read, bufferSize: 0);
            var buffer = new byte[Math.Min(maxBytes + 1, 64 * 1024)];
            using var bytes = new MemoryStream();
            int n;
            while (bytes.Length <= maxBytes && (n = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, maxBytes + 1 - bytes.Length))) > 0)
                bytes.Write(buffer, 0, n);
            if (bytes.Length > maxBytes) return $"{path} is larger than {maxBytes / 1024} KiB";
            text = Encoding.UTF8.GetString(bytes.GetBuffer(), 0, (int)bytes.Length);
            return "";
        }
        catch (IOException e)
        {
            return $"{path} cannot be read ({e.Message})";
        }
    }

    /// <summary>What a non-regular file is ("a FIFO"), or null for a regular file; read with statx on the open descriptor.</summary>
    private static string? Kind(int fd)
    {
        var buffer = new byte[256];
        if (statx(fd, "", AT_EMPTY_PATH, STATX_TYPE, buffer) != 0) return "of unknown type (fstat failed)";
        // struct statx: u32 mask, u32 blksize, u64 attributes, u32 nlink, u32 uid, u32 gid, u16 mode (the same on every architecture).
        var type = BitConverter.ToUInt16(buffer, 28) & 0xF000;
        return type switch
        {
            0x8000 => null,
            0x4000 => "a directory",
            0x1000 => "a FIFO",
            0x2000 => "a character device",
            0x6000 => "a block device",
            0xC000 => "a socket",
            _ => "not a regular file",
        };
    }

    private const int O_RDONLY = 0, O_NOCTTY = 0x100, O_NONBLOCK = 0x800, O_CLOEXEC = 0x80000;
    private const int AT_EMPTY_PATH = 0x1000;
    private const uint STATX_TYPE = 1;
    private const int EPERM = 1, ENOENT = 2, EACCES = 13, ENOTDIR = 20, EISDIR = 21;

    [DllImport("libc", SetLastError = true)]
    private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);
}
