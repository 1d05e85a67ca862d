using Npgsql;

namespace Punctual.Storage.Postgres.Connections;

/// <summary>
/// The store's access to the server: pooled connections from one <see cref="NpgsqlDataSource"/>, each borrowed for
/// one unit of work — a single statement in autocommit (one round trip, no BEGIN/COMMIT) or a READ COMMITTED
/// transaction. A unit the server aborts to break a deadlock or a serialization conflict runs again, up to
/// <see cref="MaxTries"/> times: every unit is safe to repeat, since an aborted one wrote nothing. Infrastructure
/// failures leave here wrapped once, naming the operation (never the connection string).
/// </summary>
internal sealed class Database : IAsyncDisposable
{
    private const int MaxTries = 3;

    private readonly NpgsqlDataSource _dataSource;

    private Database(NpgsqlDataSource dataSource, int commandTimeoutSeconds)
    {
        _dataSource = dataSource;
        CommandTimeoutSeconds = commandTimeoutSeconds;
    }

    public int CommandTimeoutSeconds { get; }

    /// <summary>Builds the pool and opens one connection, so a wrong address or password fails here, at start-up.</summary>
    public static async Task<Database> OpenAsync(PostgresStoreOptions options, CancellationToken cancellationToken)
    {
        var dataSource = NpgsqlDataSource.Create(ConnectionSettings.Pooled(options));
        try
        {
            await using (await dataSource.OpenConnectionAsync(cancellationToken))
            {
            }

            return new Database(dataSource, ConnectionSettings.CommandTimeoutSeconds(options));
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            await dataSource.DisposeAsync();
            throw new StoreException("opening the PostgreSQL store failed", e);
        }
        catch
        {
            await dataSource.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs <paramref name="work"/> on a pooled connection without a transaction: each statement commits by itself.</summary>
    public Task<T> RunAsync<T>(string operation, Func<Session, Task<T>> work, CancellationToken cancellationToken) =>
        WithRetriesAsync(operation, async () =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            return await work(new Session(connection, null, CommandTimeoutSeconds));
        }, cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction; it commits when the work returns (or rolls back when the work
    /// asked for it). BEGIN travels with the first statement, so the transaction costs one extra round trip: COMMIT.
    /// </summary>
    public Task<T> TransactionAsync<T>(string operation, Func<Session, Task<T>> work, CancellationToken cancellationToken) =>
        WithRetriesAsync(operation, async () =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var session = new Session(connection, transaction, CommandTimeoutSeconds);
            var result = await work(session);
            if (session.RollbackRequested)
            {
                await transaction.RollbackAsync(cancellationToken);
            }
            else
            {
                await transaction.CommitAsync(cancellationToken);
            }

            return result;
        }, cancellationToken);

    /// <summary>A connection outside the pool's normal use, for the migrator's lock-holding transactions.</summary>
    public ValueTask<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        _dataSource.OpenConnectionAsync(cancellationToken);

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    public static async Task<T> WithRetriesAsync<T>(string operation, Func<Task<T>> unit, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await unit();
            }
            catch (PostgresException e) when (IsRetryable(e) && attempt < MaxTries && !cancellationToken.IsCancellationRequested)
            {
                // The server rolled the whole unit back; nothing of it was written, so it can simply run again.
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                cancellationToken.ThrowIfCancellationRequested();
                throw new StoreException($"{operation} failed", e);
            }
        }
    }

    private static bool IsRetryable(PostgresException e) =>
        e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure;
}
