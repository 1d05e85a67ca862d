namespace Punctual.Client;

/// <summary>A `punctual serve` process serving the store (<c>GET /nodes</c>).</summary>
public sealed record Node
{
    public string Id { get; init; } = "";

    public string Host { get; init; } = "";

    public string Version { get; init; } = "";

    /// <summary><c>alive</c>, <c>stopped</c> (shut down cleanly) or <c>lost</c> (no heartbeat for three intervals).</summary>
    public string Status { get; init; } = "";

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset LastHeartbeatAt { get; init; }

    /// <summary>Attempts in flight at the last heartbeat.</summary>
    public int InFlight { get; init; }

    public DateTimeOffset? StoppedAt { get; init; }
}
