using System.Net;
using System.Net.Sockets;

namespace Punctual.Bench.Hosting;

/// <summary>A loopback port nobody listens on right now (the OS picks it; a race with another program is possible but rare).</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
