namespace Punctual.Storage.Monitors;

/// <summary>
/// Monitors (heartbeats for work that runs elsewhere) and their pings. A monitor is found by name or by the SHA-256
/// hash of its ping token — the token itself is never stored. Each monitor keeps its newest pings (bounded).
/// </summary>
public interface IMonitorStore
{
    /// <summary>Every monitor, by name.</summary>
    Task<IReadOnlyList<MonitorRecord>> ListAsync(CancellationToken cancellationToken);

    Task<MonitorRecord?> GetAsync(string name, CancellationToken cancellationToken);

    /// <summary>Creates (with <see cref="MonitorUpsertRequest.TokenHash"/>) or replaces a monitor's definition (its token and pings are kept).</summary>
    Task<MonitorWriteStatus> UpsertAsync(MonitorUpsertRequest request, CancellationToken cancellationToken);

    /// <summary>Deletes a monitor and its pings.</summary>
    Task<MonitorWriteStatus> DeleteAsync(string name, CancellationToken cancellationToken);

    /// <summary>Replaces a monitor's ping token (the old one stops working at once); false when there is no such monitor.</summary>
    Task<bool> SetTokenAsync(string name, string tokenHash, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Records a ping for the monitor named, or whose token hash is given; null when there is no such monitor.</summary>
    Task<MonitorPing?> RecordPingAsync(MonitorPingRequest request, CancellationToken cancellationToken);

    /// <summary>A monitor's newest pings, newest first.</summary>
    Task<IReadOnlyList<MonitorPing>> ListPingsAsync(string name, int limit, CancellationToken cancellationToken);
}
