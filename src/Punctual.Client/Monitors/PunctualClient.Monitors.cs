namespace Punctual.Client;

public sealed partial class PunctualClient
{
    /// <summary><c>GET /monitors</c>: monitors with their state, by name.</summary>
    public async Task<IReadOnlyList<MonitorInfo>> ListMonitorsAsync(CancellationToken cancellationToken = default) =>
        (await GetAsync<MonitorList>("monitors", cancellationToken).ConfigureAwait(false)).Items;

    /// <summary><c>GET /monitors/{name}</c>: with its newest pings.</summary>
    public Task<MonitorInfo> GetMonitorAsync(string name, CancellationToken cancellationToken = default) =>
        GetAsync<MonitorInfo>($"monitors/{Segment(name)}", cancellationToken);

    /// <summary><c>PUT /monitors/{name}</c> with a definition in the config file's words; a new monitor's answer carries its token.</summary>
    public async Task<MonitorInfo> PutMonitorAsync(string name, object definition, CancellationToken cancellationToken = default) =>
        (await SendAsync<MonitorInfo>(HttpMethod.Put, $"monitors/{Segment(name)}", definition, cancellationToken).ConfigureAwait(false)).Value;

    /// <summary><c>DELETE /monitors/{name}</c>.</summary>
    public Task DeleteMonitorAsync(string name, CancellationToken cancellationToken = default) =>
        SendWithoutAnswerAsync(HttpMethod.Delete, $"monitors/{Segment(name)}", cancellationToken);

    /// <summary><c>POST /monitors/{name}/token</c>: a new ping token (in the answer, once); the old one stops working.</summary>
    public async Task<MonitorInfo> RotateMonitorTokenAsync(string name, CancellationToken cancellationToken = default) =>
        (await SendAsync<MonitorInfo>(HttpMethod.Post, $"monitors/{Segment(name)}/token", null, cancellationToken).ConfigureAwait(false)).Value;

    /// <summary>
    /// <c>POST /monitors/{name}/pings</c>: a ping by name (<paramref name="kind"/> <c>start</c>, <c>success</c> or
    /// <c>fail</c>), with an exit status and the output's tail.
    /// </summary>
    public async Task<MonitorPing> PingMonitorAsync(string name, string kind, int? exitStatus = null, string? output = null, CancellationToken cancellationToken = default) =>
        (await SendAsync<MonitorPing>(
            HttpMethod.Post, $"monitors/{Segment(name)}/pings", new { kind, exit_status = exitStatus, output }, cancellationToken).ConfigureAwait(false)).Value;

    private sealed record MonitorList(IReadOnlyList<MonitorInfo> Items);
}
