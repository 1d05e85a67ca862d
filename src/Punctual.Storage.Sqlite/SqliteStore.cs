using Punctual.Storage.Alerts;
using Punctual.Storage.Gates;
using Punctual.Storage.Jobs;
using Punctual.Storage.Keys;
using Punctual.Storage.Monitors;
using Punctual.Storage.Nodes;
using Punctual.Storage.Notifications;
using Punctual.Storage.Runs;
using Punctual.Storage.Sqlite.Alerts;
using Punctual.Storage.Sqlite.Connections;
using Punctual.Storage.Sqlite.Gates;
using Punctual.Storage.Sqlite.Jobs;
using Punctual.Storage.Sqlite.Keys;
using Punctual.Storage.Sqlite.Migrations;
using Punctual.Storage.Sqlite.Monitors;
using Punctual.Storage.Sqlite.Nodes;
using Punctual.Storage.Sqlite.Runs;

namespace Punctual.Storage.Sqlite;

/// <summary>
/// The embedded, single-node store: one SQLite file in WAL mode, owned by one process at a time (see
/// <see cref="StoreCapabilities.SingleNode"/>). Thread-safe; writes are serialized on one connection, reads run
/// beside them. Dispose it to release the file and its lock.
/// </summary>
public sealed class SqliteStore : IPunctualStore
{
    private readonly StoreFileLock _fileLock;
    private readonly Database _database;

    private SqliteStore(StoreFileLock fileLock, Database database)
    {
        _fileLock = fileLock;
        _database = database;
        Jobs = new SqliteJobStore(database);
        Runs = new SqliteRunStore(database);
        ApiKeys = new SqliteApiKeyStore(database);
        Nodes = new SqliteNodeStore(database);
        Gates = new SqliteGateStore(database);
        Alerts = new SqliteAlertStore(database);
        Monitors = new SqliteMonitorStore(database);
    }

    public StoreCapabilities Capabilities { get; } = new("sqlite", SingleNode: true, SupportsListenNotify: false);

    public IJobStore Jobs { get; }

    public IRunStore Runs { get; }

    public IApiKeyStore ApiKeys { get; }

    public INodeStore Nodes { get; }

    public IGateStore Gates { get; }

    public IAlertStore Alerts { get; }

    public IMonitorStore Monitors { get; }

    /// <summary>None: one process owns the file, and in-process signals wake its loops.</summary>
    public IStoreNotifications? Notifications => null;

    /// <summary>
    /// Opens (creating when missing) the database file and takes its lock; call <see cref="MigrateAsync"/> before use.
    /// Throws <see cref="StoreLockedException"/> when another process or instance has the file open.
    /// </summary>
    public static async Task<SqliteStore> OpenAsync(SqliteStoreOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var path = Path.GetFullPath(options.Path);
        var directory = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var fileLock = StoreFileLock.Acquire(path);
        try
        {
            var database = await Database.OpenAsync(new SqliteStoreOptions
            {
                Path = path,
                CommandTimeout = options.CommandTimeout,
                WriterLockTimeout = options.WriterLockTimeout,
            }, cancellationToken);
            return new SqliteStore(fileLock, database);
        }
        catch
        {
            fileLock.Dispose();
            throw;
        }
    }

    public Task MigrateAsync(CancellationToken cancellationToken) => Migrator.MigrateAsync(_database, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _database.DisposeAsync();
        }
        finally
        {
            // Last: the file is only free for another process once no connection of ours is left.
            _fileLock.Dispose();
        }
    }
}
