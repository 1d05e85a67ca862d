namespace Punctual.Client;

public sealed partial class PunctualClient
{
    /// <summary>
    /// <c>GET /outage-forecast</c>: what an outage of every node from <paramref name="from"/> to <paramref name="to"/> would
    /// create on restart, per job and per gate; <paramref name="attemptDuration"/> (e.g. <c>2s</c>, server default 1s)
    /// and <paramref name="limit"/> (jobs listed, server default 20) are optional.
    /// </summary>
    public Task<OutageForecast> ForecastOutageAsync(
        DateTimeOffset from, DateTimeOffset to, string? attemptDuration = null, int? limit = null, CancellationToken cancellationToken = default) =>
        GetAsync<OutageForecast>(
            "outage-forecast" + Query(("from", InstantText(from)), ("to", InstantText(to)), ("attempt_duration", attemptDuration), ("limit", Text(limit))),
            cancellationToken);
}
