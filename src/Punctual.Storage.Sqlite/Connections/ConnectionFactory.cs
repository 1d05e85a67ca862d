using Microsoft.Data.Sqlite;

namespace Punctual.Storage.Sqlite.Connections;

/// <summary>Opens connections to the store's file with the settings every connection needs.</summary>
internal sealed class ConnectionFactory
{
    private readonly string _connectionString;
    private readonly string _pragmas;

    public ConnectionFactory(SqliteStoreOptions options)
    {
        CommandTimeoutSeconds = (int)Math.Ceiling(options.CommandTimeout.TotalSeconds);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = CommandTimeoutSeconds,
        }.ToString();

        // Per connection, not per file: NORMAL is durable enough in WAL mode (a power cut may lose the last
        // commits, never corrupt), foreign keys drive the cascades, busy_timeout bounds waits for the file.
        _pragmas = $"PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = {CommandTimeoutSeconds * 1000};";
    }

    /// <summary>The command timeout in whole seconds, as Microsoft.Data.Sqlite takes it.</summary>
    public int CommandTimeoutSeconds { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = _pragmas;
            command.CommandTimeout = CommandTimeoutSeconds;
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Closes this file's pooled connections, so the file is really released when the store is disposed.</summary>
    public void ClearPool()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }
}
