namespace Punctual.Client;

public sealed partial class PunctualClient
{
    /// <summary><c>GET /nodes</c>: the cluster's roster, newest start first.</summary>
    public async Task<IReadOnlyList<Node>> ListNodesAsync(CancellationToken cancellationToken = default) =>
        (await GetAsync<NodeList>("nodes", cancellationToken).ConfigureAwait(false)).Items;

    private sealed record NodeList(IReadOnlyList<Node> Items);
}
