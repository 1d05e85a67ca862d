using Microsoft.Data.Sqlite;

namespace Punctual.Storage.Sqlite.Connections;

/// <summary>
/// An open connection inside one transaction (a write on the writer connection, or a read snapshot on a pooled
/// one). Every command it builds carries the store's command timeout, and parameters are converted to the
/// schema's types here, in one place: instants to unix milliseconds, booleans to 0/1, null to NULL. On the writer,
/// commands come from its <see cref="StatementCache"/>, so a statement is compiled once.
/// </summary>
internal sealed class Session(SqliteConnection connection, SqliteTransaction transaction, int commandTimeoutSeconds, StatementCache? statements = null)
{
    public SqliteTransaction Transaction => transaction;

    public Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        RunAsync(sql, parameters, command => command.ExecuteNonQueryAsync(cancellationToken));

    public Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        RunAsync(sql, parameters, async command =>
        {
            var value = await command.ExecuteScalarAsync(cancellationToken);
            return value is DBNull ? null : value;
        });

    public Task<List<T>> QueryAsync<T>(
        string sql,
        Func<SqliteDataReader, T> read,
        CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters) =>
        RunAsync(sql, parameters, async command =>
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = new List<T>();
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(read(reader));
            }

            return rows;
        });

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

    private async Task<T> RunAsync<T>(string sql, (string Name, object? Value)[] parameters, Func<SqliteCommand, Task<T>> run)
    {
        var command = statements?.Get(sql) ?? NewCommand(sql);
        var reusable = statements is not null;
        try
        {
            command.Transaction = transaction;
            command.CommandTimeout = commandTimeoutSeconds;
            command.Parameters.Clear();
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, ToDb(value));
            }

            return await run(command);
        }
        catch
        {
            // A command that failed half-way is not reused: the next call compiles the statement afresh.
            reusable = false;
            statements?.Forget(command);
            throw;
        }
        finally
        {
            if (reusable)
            {
                // Stays prepared for the next call; no parameter value lingers in it meanwhile.
                command.Parameters.Clear();
                command.Transaction = null;
            }
            else if (statements is null)
            {
                await command.DisposeAsync();
            }
        }
    }

    private SqliteCommand NewCommand(string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    private static object ToDb(object? value) => value switch
    {
        null => DBNull.Value,
        DateTimeOffset instant => instant.ToUnixTimeMilliseconds(),
        bool flag => flag ? 1L : 0L,
        _ => value,
    };
}
