namespace Punctual.Client;

/// <summary>
/// No answer came from the server: the connection failed (refused, unknown host, TLS) or a timeout expired.
/// Whether the server saw the request is unknown when <see cref="TimedOut"/> is true.
/// </summary>
public sealed class PunctualUnreachableException : Exception
{
    public PunctualUnreachableException(Uri server, string reason, bool timedOut, Exception? innerException)
        : base($"cannot reach Punctual at {server.AbsoluteUri.TrimEnd('/')}: {reason}", innerException)
    {
        Server = server;
        Reason = reason;
        TimedOut = timedOut;
    }

    /// <summary>The base address the client was talking to.</summary>
    public Uri Server { get; }

    /// <summary>Why, in a few words ("connection refused", "no answer within 30s").</summary>
    public string Reason { get; }

    /// <summary>True when the connect or request timeout expired, rather than the connection being refused.</summary>
    public bool TimedOut { get; }
}
