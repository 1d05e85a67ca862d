using System.Net.Sockets;
using System.Security.Authentication;

namespace Punctual.Client;

/// <summary>Names why a connection failed in the few words a user needs ("connection refused"), not a stack of exceptions.</summary>
internal static class ConnectionFailures
{
    public static string Describe(HttpRequestException exception)
    {
        for (Exception? inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException socket)
            {
                return socket.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => "connection refused",
                    SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "host not found",
                    SocketError.TimedOut => "connection timed out",
                    SocketError.NetworkUnreachable or SocketError.NetworkDown => "network unreachable",
                    SocketError.HostUnreachable or SocketError.HostDown => "host unreachable",
                    SocketError.ConnectionReset or SocketError.ConnectionAborted => "connection reset",
                    _ => socket.Message,
                };
            }

            if (inner is AuthenticationException tls)
            {
                return $"TLS handshake failed ({tls.Message})";
            }
        }

        return exception.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => "host not found",
            HttpRequestError.ResponseEnded => "the connection closed before an answer",
            HttpRequestError.InvalidResponse or HttpRequestError.HttpProtocolError => "the answer is not valid HTTP",
            _ => exception.Message,
        };
    }
}
