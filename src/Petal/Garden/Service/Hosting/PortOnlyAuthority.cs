using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Connections;

namespace Petal.Garden.Service.Hosting;

/// <summary>
/// rainbow's memory backend dials the literal <c>":50051"</c>, so grpc-go sends <c>:authority: :50051</c>; Kestrel
/// refuses an authority without a host (RST_STREAM PROTOCOL_ERROR, "Invalid Host header") and has no option to
/// accept it. This connection middleware rewrites, in what the client sends, that one header field — an authority
/// of exactly <c>":PORT"</c> for this listener's port, written as HPACK literal with incremental indexing of the
/// static <c>:authority</c> name (how grpc-go and nghttp2 write it), Huffman-coded or plain — to
/// <c>"127.0.0.1:PORT"</c>, fixing the frame length. Every other byte passes unchanged, and nothing the server sends
/// is touched. The client's HPACK table then holds a 9 bytes shorter entry than the server's; that only matters once
/// 4 KiB of new header fields have been indexed on one connection, far beyond rainbow's one call per connection.
/// </summary>
internal static class PortOnlyAuthority
{
    private const int FrameHeader = 9;
    private const byte Headers = 0x1, Continuation = 0x9, Padded = 0x8, Priority = 0x20;
    private static readonly byte[] Preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray();

    public static async Task HandleAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        if (connection.LocalEndPoint is not IPEndPoint { Port: var port })
        {
            await next(connection);
            return;
        }
        var original = connection.Transport;
        var rewritten = new Pipe();
        connection.Transport = new Duplex(rewritten.Reader, original.Output);
        var pump = PumpAsync(original.Input, rewritten.Writer, Forms(port), Replacement(port));
        try
        {
            await next(connection);
        }
        finally
        {
            original.Input.CancelPendingRead();
            await pump;
            connection.Transport = original;
        }
    }

    private sealed class Duplex(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;
        public PipeWriter Output { get; } = output;
    }

    /// <summary>The field as clients write it: 0x41, then the string ":PORT" Huffman-coded (H bit set) or plain.</summary>
    private static byte[][] Forms(int port)
    {
        var text = ":" + port;
        var huffman = Huffman(text);
        return
        [
            [0x41, (byte)(0x80 | huffman.Length), .. huffman],
            [0x41, (byte)text.Length, .. Encoding.ASCII.GetBytes(text)],
        ];
    }

    private static byte[] Replacement(int port)
    {
        var text = Encoding.ASCII.GetBytes($"127.0.0.1:{port}");
        return [0x41, (byte)text.Length, .. text];
    }

    /// <summary>HPACK's Huffman code (RFC 7541 appendix B) for ':' and digits, the only characters of ":PORT".</summary>
    private static byte[] Huffman(string text)
    {
        ulong bits = 0;
        var count = 0;
        foreach (var c in text)
        {
            var (code, length) = c switch
            {
                ':' => (0x5cu, 7),
                >= '0' and <= '2' => ((uint)(c - '0'), 5),
                _ => ((uint)(0x19 + c - '3'), 6),
            };
            bits = (bits << length) | code;
            count += length;
        }
        var padding = (8 - count % 8) % 8;
        bits = (bits << padding) | ((1UL << padding) - 1);
        count += padding;
        var bytes = new byte[count / 8];
        for (var i = 0; i < bytes.Length; i++) bytes[i] = (byte)(bits >> (count - 8 * (i + 1)));
        return bytes;
    }

    /// <summary>Copies the client's bytes: the preface, then frame by frame, header blocks rewritten.</summary>
    private static async Task PumpAsync(PipeReader input, PipeWriter output, byte[][] forms, byte[] replacement)
    {
        var prefaceLeft = Preface.Length;
        try
        {
            while (true)
            {
                var read = await input.ReadAsync();
                if (read.IsCanceled) break;
                var buffer = read.Buffer;
                while (true)
                {
                    if (prefaceLeft > 0)
                    {
                        var n = (int)Math.Min(prefaceLeft, buffer.Length);
                        if (n == 0) break;
                        Write(output, buffer.Slice(0, n));
                        buffer = buffer.Slice(n);
                        prefaceLeft -= n;
                        continue;
                    }
                    if (buffer.Length < FrameHeader) break;
                    Span<byte> header = stackalloc byte[FrameHeader];
                    buffer.Slice(0, FrameHeader).CopyTo(header);
                    var length = (header[0] << 16) | (header[1] << 8) | header[2];
                    if (buffer.Length < FrameHeader + length) break;
                    var frame = buffer.Slice(0, FrameHeader + length);
                    if (header[3] is Headers or Continuation) WriteHeaders(output, frame.ToArray(), forms, replacement);
                    else Write(output, frame);
                    buffer = buffer.Slice(frame.Length);
                }
                input.AdvanceTo(buffer.Start, buffer.End);
                var flushed = await output.FlushAsync();
                if (read.IsCompleted || flushed.IsCompleted) break;
            }
        }
        catch (Exception e) when (e is IOException or ConnectionResetException or InvalidOperationException or OperationCanceledException)
        {
            // The connection went away: Kestrel sees the end of input below.
        }
        await output.CompleteAsync();
        await input.CompleteAsync();
    }

    private static void Write(PipeWriter output, ReadOnlySequence<byte> bytes)
    {
        foreach (var segment in bytes) output.Write(segment.Span);
    }

    private static void WriteHeaders(PipeWriter output, byte[] frame, byte[][] forms, byte[] replacement)
    {
        var flags = frame[4];
        var start = FrameHeader;
        var end = frame.Length;
        if (frame[3] == Headers && (flags & Padded) != 0)
        {
            end -= frame[start];
            start++;
        }
        if (frame[3] == Headers && (flags & Priority) != 0) start += 5;
        foreach (var form in forms)
        {
            if (start > end) break;
            var at = frame.AsSpan(start, end - start).IndexOf(form);
            if (at < 0) continue;
            var rewritten = new byte[frame.Length - form.Length + replacement.Length];
            frame.AsSpan(0, start + at).CopyTo(rewritten);
            replacement.CopyTo(rewritten.AsSpan(start + at));
            frame.AsSpan(start + at + form.Length).CopyTo(rewritten.AsSpan(start + at + replacement.Length));
            var length = rewritten.Length - FrameHeader;
            rewritten[0] = (byte)(length >> 16);
            rewritten[1] = (byte)(length >> 8);
            rewritten[2] = (byte)length;
            output.Write(rewritten);
            return;
        }
        output.Write(frame);
    }
}
