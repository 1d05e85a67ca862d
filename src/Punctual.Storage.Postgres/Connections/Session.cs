using Npgsql;
using Punctual.Core.Time;

namespace Punctual.Storage.Postgres.Connections;

/// <summary>
/// A borrowed connection, inside a transaction or in autocommit mode (then each statement is its own transaction).
/// Every command it builds carries the store's command timeout, and parameters are converted to the schema's
/// types here, in one place: instants to UTC at millisecond precision (the contract's; timestamptz would keep
/// microseconds), null to NULL. Statements that must travel together go out as one batch: one round trip.
/// </summary>
internal sealed class Session(NpgsqlConnection connection, NpgsqlTransaction? transaction, int commandTimeoutSeconds)
{
    /// <summary>Set by <see cref="RollBack"/>: the transaction ends with ROLLBACK instead of COMMIT.</summary>
    public bool RollbackRequested { get; private set; }

    /// <summary>Undo everything this transaction wrote, once the work returns (a refused <c>apply</c>).</summary>
    public void RollBack()
    {
        if (transaction is null)
        {
            throw new InvalidOperationException("Only a transaction can be rolled back.");
        }

        RollbackRequested = true;
    }

    public NpgsqlCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = commandTimeoutSeconds };
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter(name, ToDb(value)));
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
        Func<NpgsqlDataReader, T> read,
        CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await ReadAllAsync(reader, read, cancellationToken);
    }

    public async Task<T?> QuerySingleAsync<T>(
        string sql,
        Func<NpgsqlDataReader, T> read,
        CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
        where T : class
    {
        var rows = await QueryAsync(sql, read, cancellationToken, parameters);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>
    /// Like <see cref="QueryAsync{T}"/> for a query whose ORDER BY ... LIMIT an index can serve (claims, planning), in
    /// the same round trip: sorting is first disabled for the rest of the transaction, so the planner reads the first
    /// rows in index order and stops, even when the table's statistics are stale. Without it, a burst of new rows
    /// (analyzed a minute later at best) makes the planner sort every due row at each claim: 30–50 ms instead of
    /// under one with 10,000 due. Where no index fits, it still sorts.
    /// </summary>
    public Task<List<T>> QueryInIndexOrderAsync<T>(
        string sql,
        Func<NpgsqlDataReader, T> read,
        CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        if (transaction is null)
        {
            throw new InvalidOperationException("Planner settings are scoped to a transaction.");
        }

        return BatchAsync(
            [("SELECT set_config('enable_sort', 'off', true);", []), (sql, parameters)],
            async reader =>
            {
                await reader.NextResultAsync(cancellationToken);
                return await ReadAllAsync(reader, read, cancellationToken);
            },
            cancellationToken);
    }

    /// <summary>
    /// Sends <paramref name="statements"/> in one round trip; <paramref name="read"/> gets the reader positioned on
    /// the first statement's result and moves on with <see cref="NpgsqlDataReader.NextResultAsync(CancellationToken)"/>.
    /// Under READ COMMITTED each statement still takes its own snapshot, after the previous one finished.
    /// </summary>
    public async Task<T> BatchAsync<T>(
        IReadOnlyList<(string Sql, (string Name, object? Value)[] Parameters)> statements,
        Func<NpgsqlDataReader, Task<T>> read,
        CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction) { Timeout = commandTimeoutSeconds };
        foreach (var (sql, parameters) in statements)
        {
            var command = new NpgsqlBatchCommand(sql);
            foreach (var (name, value) in parameters)
            {
                command.Parameters.Add(new NpgsqlParameter(name, ToDb(value)));
            }

            batch.BatchCommands.Add(command);
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        return await read(reader);
    }

    public static async Task<List<T>> ReadAllAsync<T>(NpgsqlDataReader reader, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private static object ToDb(object? value) => value switch
    {
        null => DBNull.Value,
        DateTimeOffset instant => Instants.ToStorePrecision(instant),
        DateTimeOffset?[] instants => Array.ConvertAll(instants, i => i is { } v ? Instants.ToStorePrecision(v) : (DateTimeOffset?)null),
        DateTimeOffset[] instants => Array.ConvertAll(instants, Instants.ToStorePrecision),
        _ => value,
    };
}
