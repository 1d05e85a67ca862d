namespace Punctual.Client;

/// <summary>Optional settings of a <see cref="PunctualClient"/>. Every call is bounded: nothing waits forever.</summary>
public sealed record PunctualClientOptions
{
    /// <summary>Longest wait to open a TCP connection; applies only when the client creates its own handler. Default: 5 s.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest wait for a whole call, from sending the request to reading the answer. Default: 30 s.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A handler to send requests through (a proxy, a test double, custom TLS). The client does not dispose it, and
    /// <see cref="ConnectTimeout"/> is then the handler's business. Default: none (a SocketsHttpHandler of its own).
    /// </summary>
    public HttpMessageHandler? Handler { get; init; }

    /// <summary>The clock the request timeout runs on. Default: <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
