using Microsoft.Data.Sqlite;

namespace Punctual.Storage.Sqlite.Connections;

/// <summary>
/// An open connection inside one transaction (a write on the writer connection, or a read snapshot on a pooled
/// one). Every command it builds carries the store's command timeout, and parameters are converted to the
/// schema's types here, in one place: instants to unix milliseconds, booleans to 0/1, null to NULL.
/// </summary>
internal sealed class Session(SqliteConnection connection, SqliteTransaction transaction, int commandTimeoutSeconds)
{
    public SqliteTransaction Transaction => transaction;

    public SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.CommandTimeout = commandTimeoutSeconds;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, ToDb(value));
        }

        return command;
    }

    public async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is DBNull ? null : value;
    }

    public async Task<List<T>> QueryAsync<T>(
        string sql,
        Func<SqliteDataReader, T> read,
        CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    public async Task<T?> QuerySingleAsync<T>(
        string sql,
        Func<SqliteDataReader, T> read,
        CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
        where T : class
    {
        var rows = await QueryAsync(sql, read, cancellationToken, parameters);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>Runs <paramref name="work"/> inside a savepoint; when it returns false, everything it wrote is undone.</summary>
    public async Task<bool> SavepointAsync(string name, Func<Task<bool>> work)
    {
        transaction.Save(name);
        var keep = false;
        try
        {
            keep = await work();
            return keep;
        }
        finally
        {
            if (!keep)
            {
                transaction.Rollback(name);
            }

            transaction.Release(name);
        }
    }

    private static object ToDb(object? value) => value switch
    {
        null => DBNull.Value,
        DateTimeOffset instant => instant.ToUnixTimeMilliseconds(),
        bool flag => flag ? 1L : 0L,
        _ => value,
    };
}
