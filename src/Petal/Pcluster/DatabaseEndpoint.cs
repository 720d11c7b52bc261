using System.Globalization;
using Petal.Common;

namespace Petal.Pcluster;

/// <summary>
/// Slurm accounting's database endpoint, host[:port], as ParallelCluster's DatabaseUriValidator reads Database.Uri:
/// no protocol, a port in 1..65535, port 3306 assumed when none is given. Used by the seed rule and the config checker.
/// </summary>
public static class DatabaseEndpoint
{
    public const int DefaultPort = 3306;

    /// <summary>Why <paramref name="uri"/> is no host[:port] endpoint, or null.</summary>
    public static string? Problem(string uri)
    {
        if (uri.Contains("://", StringComparison.Ordinal)) return "remove the protocol (e.g. mysql://)";
        if (!Patterns.DatabaseUri.IsMatch(uri)) return "use a host name or IPv4 address of letters, digits, '.' and '-', optionally followed by :port";
        return Port(uri) is int port and (< 1 or > 65535) ? $"port {port} is outside 1..65535" : null;
    }

    /// <summary>The port <paramref name="uri"/> names, or null when it names none.</summary>
    public static int? Port(string uri) =>
        uri.LastIndexOf(':') is var colon and >= 0 && int.TryParse(uri.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : null;
}
