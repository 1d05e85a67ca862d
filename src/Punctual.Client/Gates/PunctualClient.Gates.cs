namespace Punctual.Client;

public sealed partial class PunctualClient
{
    /// <summary><c>GET /gates</c>: named and host gates, by name.</summary>
    public async Task<IReadOnlyList<Gate>> ListGatesAsync(CancellationToken cancellationToken = default) =>
        (await GetAsync<GateList>("gates", cancellationToken).ConfigureAwait(false)).Items;

    /// <summary><c>GET /gates/{name}</c>.</summary>
    public Task<Gate> GetGateAsync(string name, CancellationToken cancellationToken = default) =>
        GetAsync<Gate>($"gates/{Segment(name)}", cancellationToken);

    /// <summary><c>POST /gates/{name}/pause</c>: the gate releases nothing until resumed.</summary>
    public async Task<Gate> PauseGateAsync(string name, CancellationToken cancellationToken = default) =>
        (await SendAsync<Gate>(HttpMethod.Post, $"gates/{Segment(name)}/pause", null, cancellationToken).ConfigureAwait(false)).Value;

    /// <summary><c>POST /gates/{name}/resume</c>: the backlog drains at the gate's limits, starting slow.</summary>
    public async Task<Gate> ResumeGateAsync(string name, CancellationToken cancellationToken = default) =>
        (await SendAsync<Gate>(HttpMethod.Post, $"gates/{Segment(name)}/resume", null, cancellationToken).ConfigureAwait(false)).Value;

    private sealed record GateList(IReadOnlyList<Gate> Items);
}
