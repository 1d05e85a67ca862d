using Punctual.Storage.Alerts;
using Punctual.Storage.Jobs;
using Punctual.Storage.Keys;
using Punctual.Storage.Monitors;
using Punctual.Storage.Gates;
using Punctual.Storage.Nodes;
using Punctual.Storage.Notifications;
using Punctual.Storage.Runs;

namespace Punctual.Storage.Postgres.Tests.Conformance;

/// <summary>
/// The conformance kit's factory for PostgreSQL: a migrated store in a fresh schema of its own, dropped on dispose.
/// Peers are further stores on the same schema (other nodes), disposed by whoever opened them.
/// </summary>
public sealed class TemporaryPostgresStore : IPunctualStore
{
    private readonly PostgresStore _store;

    private TemporaryPostgresStore(string schema, PostgresStore store)
    {
        Schema = schema;
        _store = store;
    }

    public string Schema { get; }

    public StoreCapabilities Capabilities => _store.Capabilities;

    public IJobStore Jobs => _store.Jobs;

    public IRunStore Runs => _store.Runs;

    public IApiKeyStore ApiKeys => _store.ApiKeys;

    public INodeStore Nodes => _store.Nodes;

    public IGateStore Gates => _store.Gates;

    public IAlertStore Alerts => _store.Alerts;

    public IMonitorStore Monitors => _store.Monitors;

    public IStoreNotifications? Notifications => _store.Notifications;

    public static async Task<TemporaryPostgresStore> CreateAsync()
    {
        var schema = TestServer.NewSchema();
        var store = await PostgresStore.OpenAsync(TestServer.Options(schema), CancellationToken.None);
        try
        {
            await store.MigrateAsync(CancellationToken.None);
            return new TemporaryPostgresStore(schema, store);
        }
        catch
        {
            await store.DisposeAsync();
            await TestServer.DropSchemaAsync(schema);
            throw;
        }
    }

    public static async Task<IPunctualStore> CreateStoreAsync() => await CreateAsync();

    /// <summary>Another node on this store's schema.</summary>
    public async Task<IPunctualStore> OpenPeerAsync() => await PostgresStore.OpenAsync(TestServer.Options(Schema), CancellationToken.None);

    /// <summary>Terminates the backends listening on this schema's channels, as a network cut would.</summary>
    public Task<int> InterruptListenersAsync() => TestServer.ScalarAsync<int>(
        $"""
        SELECT count(pg_terminate_backend(pid))::int FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE 'LISTEN "punctual_{Schema}_%';
        """);

    public Task MigrateAsync(CancellationToken cancellationToken) => _store.MigrateAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        await TestServer.DropSchemaAsync(Schema);
    }
}
