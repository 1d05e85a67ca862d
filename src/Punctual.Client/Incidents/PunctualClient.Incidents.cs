using System.Globalization;

namespace Punctual.Client;

public sealed partial class PunctualClient
{
    /// <summary><c>GET /incidents</c>: newest first; only the open ones when <paramref name="openOnly"/>.</summary>
    public async Task<IReadOnlyList<Incident>> ListIncidentsAsync(bool openOnly = false, int limit = 100, CancellationToken cancellationToken = default) =>
        (await GetAsync<IncidentList>(
            $"incidents?state={(openOnly ? "open" : "all")}&limit={limit.ToString(CultureInfo.InvariantCulture)}", cancellationToken).ConfigureAwait(false)).Items;

    private sealed record IncidentList(IReadOnlyList<Incident> Items);
}
