using Punctual.Storage.Conformance.Seeding;

namespace Punctual.Storage.Conformance;

/// <summary>
/// Base of every conformance class. A driver's test project subclasses each class and implements
/// <see cref="CreateStoreAsync"/>; every test then gets a fresh, empty, migrated store of its own, disposed after it.
/// Tests pass fixed instants in their requests (a store never reads a clock), so none of them sleeps or races a timer.
/// </summary>
public abstract class StoreConformance : IAsyncLifetime
{
    private IPunctualStore? _store;
    private StoreSeed? _seed;

    /// <summary>A fresh, empty store with the driver's migrations applied. Disposing it must release everything it holds.</summary>
    protected abstract Task<IPunctualStore> CreateStoreAsync();

    protected IPunctualStore Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    /// <summary>Ready-made jobs, runs and attempts, built through the store's own methods.</summary>
    protected StoreSeed Seed => _seed ??= new StoreSeed(Store);

    protected static CancellationToken Ct => CancellationToken.None;

    public async Task InitializeAsync() => _store = await CreateStoreAsync();

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }
}
