using Punctual.Storage.Alerts;
using Punctual.Storage.Gates;
using Punctual.Storage.Jobs;
using Punctual.Storage.Keys;
using Punctual.Storage.Monitors;
using Punctual.Storage.Nodes;
using Punctual.Storage.Notifications;
using Punctual.Storage.Postgres.Alerts;
using Punctual.Storage.Postgres.Connections;
using Punctual.Storage.Postgres.Gates;
using Punctual.Storage.Postgres.Jobs;
using Punctual.Storage.Postgres.Keys;
using Punctual.Storage.Postgres.Migrations;
using Punctual.Storage.Postgres.Monitors;
using Punctual.Storage.Postgres.Nodes;
using Punctual.Storage.Postgres.Notifications;
using Punctual.Storage.Postgres.Runs;
using Punctual.Storage.Runs;

namespace Punctual.Storage.Postgres;

/// <summary>
/// The cluster store: any number of identical nodes share one PostgreSQL database (all of Punctual's objects in
/// <see cref="PostgresStoreOptions.Schema"/>), and no node is special. The database arbitrates every unit of work
/// (docs/adr/0002-cluster-coordination.md): claims and planning take rows with SKIP LOCKED, fires are unique on
/// (job, scheduled_for), writes of results are fenced by their lease. Thread-safe; connections are pooled.
/// Dispose it to stop its listeners and close its connections.
/// </summary>
public sealed class PostgresStore : IPunctualStore
{
    private readonly Database _database;
    private readonly PostgresNotifications _notifications;
    private readonly string _schema;

    private PostgresStore(Database database, PostgresNotifications notifications, string schema)
    {
        _database = database;
        _notifications = notifications;
        _schema = schema;
        Jobs = new PostgresJobStore(database);
        Runs = new PostgresRunStore(database);
        ApiKeys = new PostgresApiKeyStore(database);
        Nodes = new PostgresNodeStore(database);
        Gates = new PostgresGateStore(database);
        Alerts = new PostgresAlertStore(database);
        Monitors = new PostgresMonitorStore(database);
    }

    public StoreCapabilities Capabilities { get; } = new("postgres", SingleNode: false, SupportsListenNotify: true);

    public IJobStore Jobs { get; }

    public IRunStore Runs { get; }

    public IApiKeyStore ApiKeys { get; }

    public INodeStore Nodes { get; }

    public IGateStore Gates { get; }

    public IAlertStore Alerts { get; }

    public IMonitorStore Monitors { get; }

    /// <summary>LISTEN/NOTIFY hints, scoped to this store's schema.</summary>
    public IStoreNotifications Notifications => _notifications;

    IStoreNotifications? IPunctualStore.Notifications => _notifications;

    /// <summary>
    /// Connects (one connection, to fail early on a wrong address or password: <see cref="StoreException"/>); call
    /// <see cref="MigrateAsync"/> before use. Throws <see cref="ArgumentException"/> for invalid options.
    /// </summary>
    public static async Task<PostgresStore> OpenAsync(PostgresStoreOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var listeners = ConnectionSettings.Listener(options);
        var database = await Database.OpenAsync(options, cancellationToken);
        return new PostgresStore(database, new PostgresNotifications(database, listeners, options.Schema, options.TimeProvider), options.Schema);
    }

    /// <summary>Creates the schema when missing and applies the embedded migrations; safe when several nodes start at once.</summary>
    public Task MigrateAsync(CancellationToken cancellationToken) => Migrator.MigrateAsync(_database, _schema, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _notifications.DisposeAsync();
        }
        finally
        {
            await _database.DisposeAsync();
        }
    }
}
