namespace Punctual.Storage.Conformance.MultiNode;

/// <summary>
/// Base of the conformance classes for what only a multi-node store promises: several nodes on one database, racing.
/// A driver whose store is not single-node subclasses each of them and implements <see cref="OpenPeerStoreAsync"/>;
/// single-node drivers leave them out. Tests race the nodes for real (Task.WhenAll over thread-pool tasks, enough
/// rounds to make races likely) and check invariants that must hold however the race went.
/// </summary>
public abstract class MultiNodeConformance : StoreConformance, IAsyncLifetime
{
    private readonly List<IPunctualStore> _peers = [];

    /// <summary>
    /// Another store on the same database as <see cref="StoreConformance.Store"/>, with its own connections, as another
    /// process would open it (not migrated again). Disposed after the test, before the main store.
    /// </summary>
    protected abstract Task<IPunctualStore> OpenPeerStoreAsync();

    /// <summary><see cref="StoreConformance.Store"/> and <paramref name="count"/> - 1 peers: the nodes of a cluster.</summary>
    protected async Task<IReadOnlyList<IPunctualStore>> NodesAsync(int count)
    {
        var nodes = new List<IPunctualStore> { Store };
        for (var i = 1; i < count; i++)
        {
            var peer = await OpenPeerStoreAsync();
            _peers.Add(peer);
            nodes.Add(peer);
        }

        return nodes;
    }

    /// <summary>Runs <paramref name="work"/> for every node at once, each on the thread pool; returns their results in node order.</summary>
    protected static Task<T[]> RaceAsync<T>(IReadOnlyList<IPunctualStore> nodes, Func<IPunctualStore, int, Task<T>> work) =>
        Task.WhenAll(nodes.Select((node, index) => Task.Run(() => work(node, index))));

    Task IAsyncLifetime.InitializeAsync() => InitializeAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        try
        {
            foreach (var peer in _peers)
            {
                await peer.DisposeAsync();
            }
        }
        finally
        {
            await DisposeAsync();
        }
    }
}
