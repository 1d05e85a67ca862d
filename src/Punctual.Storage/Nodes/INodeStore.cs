namespace Punctual.Storage.Nodes;

/// <summary>
/// A `punctual serve` process as the cluster sees it. <see cref="LastHeartbeatAt"/> tells whether it is alive;
/// <see cref="StoppedAt"/> is set when it shut down cleanly. <see cref="InFlight"/> is its attempts in flight at its
/// last heartbeat.
/// </summary>
public sealed record NodeRecord(
    string Id,
    string Host,
    string Version,
    DateTimeOffset StartedAt,
    DateTimeOffset LastHeartbeatAt,
    int InFlight,
    DateTimeOffset? StoppedAt);

/// <summary>Registers or refreshes node <see cref="Id"/> (an upsert; the first heartbeat creates the row).</summary>
public sealed record NodeHeartbeat(string Id, string Host, string Version, DateTimeOffset StartedAt, int InFlight, DateTimeOffset Now);

public interface INodeStore
{
    Task HeartbeatAsync(NodeHeartbeat heartbeat, CancellationToken cancellationToken);

    /// <summary>Records a clean shutdown of the node.</summary>
    Task MarkStoppedAsync(string id, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Every known node, newest start first.</summary>
    Task<IReadOnlyList<NodeRecord>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The database's own clock, for the start-up skew check (ADR 0001); null when the store has no clock apart from
    /// this process's (the embedded SQLite file).
    /// </summary>
    Task<DateTimeOffset?> ReadClockAsync(CancellationToken cancellationToken);

    /// <summary>Forgets nodes whose last heartbeat is older than <paramref name="lastSeenBefore"/>; returns how many.</summary>
    Task<int> PruneAsync(DateTimeOffset lastSeenBefore, CancellationToken cancellationToken);
}
