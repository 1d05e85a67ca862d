using Punctual.Storage.Alerts;
using Punctual.Storage.Jobs;
using Punctual.Storage.Keys;
using Punctual.Storage.Monitors;
using Punctual.Storage.Gates;
using Punctual.Storage.Nodes;
using Punctual.Storage.Notifications;
using Punctual.Storage.Runs;

namespace Punctual.Storage.Sqlite.Tests.Conformance;

/// <summary>The conformance kit's factory for SQLite: a migrated store in its own temporary file, deleted on dispose.</summary>
public sealed class TemporarySqliteStore : IPunctualStore
{
    private readonly TemporaryDirectory _directory;
    private readonly SqliteStore _store;

    private TemporarySqliteStore(TemporaryDirectory directory, SqliteStore store)
    {
        _directory = directory;
        _store = store;
    }

    public StoreCapabilities Capabilities => _store.Capabilities;

    public IJobStore Jobs => _store.Jobs;

    public IRunStore Runs => _store.Runs;

    public IApiKeyStore ApiKeys => _store.ApiKeys;

    public INodeStore Nodes => _store.Nodes;

    public IGateStore Gates => _store.Gates;

    public IAlertStore Alerts => _store.Alerts;

    public IMonitorStore Monitors => _store.Monitors;

    public IStoreNotifications? Notifications => _store.Notifications;

    public static async Task<IPunctualStore> CreateAsync()
    {
        var directory = new TemporaryDirectory();
        var store = await SqliteStore.OpenAsync(directory.Options, CancellationToken.None);
        await store.MigrateAsync(CancellationToken.None);
        return new TemporarySqliteStore(directory, store);
    }

    public Task MigrateAsync(CancellationToken cancellationToken) => _store.MigrateAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        _directory.Dispose();
    }
}
