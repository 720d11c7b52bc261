using System.Buffers.Binary;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Petal.Garden.Service.Hosting;

/// <summary>
/// Parses each gRPC request's message before the gRPC handler does, and answers one that does not parse (malformed
/// protobuf, a string that is not UTF-8, a frame cut short) with INVALID_ARGUMENT and the reason, logging one line.
/// Without it, ASP.NET Core's gRPC handler answers UNKNOWN and logs the parser's stack trace for every such request.
/// Every garden method is unary: one length-prefixed message per request.
/// </summary>
internal sealed class MalformedRequestGuard(RequestDelegate next, ILogger<MalformedRequestGuard> log, int maxMessageBytes,
    IReadOnlyList<ServiceDescriptor> services)
{
    private readonly Dictionary<string, MessageParser> _parsers = services
        .SelectMany(s => s.Methods.Select(m => ($"/{s.FullName}/{m.Name}", m.InputType.Parser)))
        .ToDictionary(p => p.Item1, p => p.Parser, StringComparer.Ordinal);

    public async Task InvokeAsync(HttpContext context)
    {
        if (!_parsers.TryGetValue(context.Request.Path.Value ?? "", out var parser))
        {
            await next(context);
            return;
        }
        context.Request.EnableBuffering();
        var problem = await ProblemAsync(context.Request.Body, parser, context.RequestAborted);
        if (problem is null)
        {
            context.Request.Body.Position = 0;
            await next(context);
            return;
        }
        log.LogWarning("refused a malformed request to {Method}: {Problem}", context.Request.Path.Value, problem);
        // A gRPC "trailers-only" answer: the status in the headers, no message.
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/grpc";
        context.Response.Headers["grpc-status"] = ((int)global::Grpc.Core.StatusCode.InvalidArgument).ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers["grpc-message"] = Uri.EscapeDataString($"malformed request: {problem}");
    }

    /// <summary>Null when the message parses (or is compressed or too large: the gRPC handler refuses those itself).</summary>
    private async Task<string?> ProblemAsync(Stream body, MessageParser parser, CancellationToken cancellation)
    {
        var header = new byte[5];
        if (await body.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellation) < header.Length)
            return "the request holds no complete gRPC message";
        var length = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(1));
        if (header[0] != 0 || length > maxMessageBytes) return null;
        var message = new byte[length];
        if (await body.ReadAtLeastAsync(message, message.Length, throwOnEndOfStream: false, cancellation) < message.Length)
            return "the gRPC message is shorter than its length prefix";
        try
        {
            parser.ParseFrom(message);
            return null;
        }
        catch (InvalidProtocolBufferException e)
        {
            // Also a string field that is not UTF-8 ("String is invalid UTF-8.").
            return $"not a valid protobuf message ({e.Message})";
        }
    }
}
