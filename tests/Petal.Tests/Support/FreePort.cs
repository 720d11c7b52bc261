using System.Net;
using System.Net.Sockets;

namespace Petal.Tests.Support;

/// <summary>A TCP port on 127.0.0.1 that nothing listens on now (the kernel's pick), for servers tests start.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
