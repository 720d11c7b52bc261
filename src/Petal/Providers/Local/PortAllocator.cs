using System.Net;
using System.Net.Sockets;

namespace Petal.Providers.Local;

/// <summary>
/// A contiguous block of free TCP ports below the kernel's ephemeral range (so outgoing connections do not
/// take them later), away from the blocks other twins recorded.
/// </summary>
public static class PortAllocator
{
    private const int Low = 20000;
    private const int High = 32000;

    public static int AllocateBlock(int count, IEnumerable<(int First, int Count)> taken)
    {
        var busy = taken.ToList();
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var first = Random.Shared.Next(Low, High - count);
            if (busy.Any(b => first < b.First + b.Count && b.First < first + count)) continue;
            if (Enumerable.Range(first, count).All(IsFree)) return first;
        }
        throw new InvalidOperationException($"no block of {count} free TCP ports between {Low} and {High}");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Any, port);
            listener.Start();
            return true;
        }
        catch (SocketException) { return false; }
    }
}
