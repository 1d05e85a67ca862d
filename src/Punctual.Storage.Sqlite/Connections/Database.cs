using Microsoft.Data.Sqlite;

namespace Punctual.Storage.Sqlite.Connections;

/// <summary>
/// The store's access to its file. SQLite allows one writer at a time, so every write transaction runs on one
/// dedicated connection, in turn, behind an async lock (BEGIN IMMEDIATE, so a transaction never has to upgrade
/// its lock half-way). Reads run on pooled connections beside it; WAL gives each a consistent snapshot.
/// Infrastructure failures leave here wrapped once, naming the operation.
/// </summary>
internal sealed class Database : IAsyncDisposable
{
    private readonly ConnectionFactory _connections;
    private readonly SqliteConnection _writer;
    private readonly StatementCache _statements;
    private readonly SemaphoreSlim _writerLock = new(1, 1);
    private readonly TimeSpan _writerLockTimeout;

    private Database(ConnectionFactory connections, SqliteConnection writer, TimeSpan writerLockTimeout)
    {
        _connections = connections;
        _writer = writer;
        _statements = new StatementCache(writer);
        _writerLockTimeout = writerLockTimeout;
    }

    public static async Task<Database> OpenAsync(SqliteStoreOptions options, CancellationToken cancellationToken)
    {
        var connections = new ConnectionFactory(options);
        SqliteConnection? writer = null;
        try
        {
            writer = await connections.OpenAsync(cancellationToken);
            await using (var command = writer.CreateCommand())
            {
                // Persistent in the file: set once, by the only process that may use it.
                command.CommandText = "PRAGMA journal_mode = WAL;";
                command.CommandTimeout = connections.CommandTimeoutSeconds;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            return new Database(connections, writer, options.WriterLockTimeout);
        }
        catch (SqliteException e)
        {
            if (writer is not null)
            {
                await writer.DisposeAsync();
            }

            connections.ClearPool();
            throw new StoreException($"opening the SQLite store '{options.Path}' failed", e);
        }
    }

    /// <summary>Runs <paramref name="work"/> in one write transaction; it commits when the work returns.</summary>
    public async Task<T> WriteAsync<T>(string operation, Func<Session, Task<T>> work, CancellationToken cancellationToken)
    {
        if (!await _writerLock.WaitAsync(_writerLockTimeout, cancellationToken))
        {
            throw new StoreException($"{operation} failed: the store's writer stayed busy for {_writerLockTimeout.TotalSeconds:0.#} s");
        }

        try
        {
            using var transaction = _writer.BeginTransaction(deferred: false);
            var result = await work(new Session(_writer, transaction, _connections.CommandTimeoutSeconds, _statements));
            transaction.Commit();
            return result;
        }
        catch (SqliteException e)
        {
            throw new StoreException($"{operation} failed", e);
        }
        finally
        {
            _writerLock.Release();
        }
    }

    /// <summary>Runs <paramref name="work"/> on a pooled connection inside a read transaction (one snapshot).</summary>
    public async Task<T> ReadAsync<T>(string operation, Func<Session, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _connections.OpenAsync(cancellationToken);
            using var transaction = connection.BeginTransaction(deferred: true);
            var result = await work(new Session(connection, transaction, _connections.CommandTimeoutSeconds));
            transaction.Commit();
            return result;
        }
        catch (SqliteException e)
        {
            throw new StoreException($"{operation} failed", e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Let a write in progress finish rather than pull its connection away; give up after the usual wait.
        var acquired = await _writerLock.WaitAsync(_writerLockTimeout);
        try
        {
            _statements.Dispose();
            await _writer.DisposeAsync();
            _connections.ClearPool();
        }
        finally
        {
            if (acquired)
            {
                _writerLock.Release();
            }
        }
    }
}
