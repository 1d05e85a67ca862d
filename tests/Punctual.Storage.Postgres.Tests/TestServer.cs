using Npgsql;

namespace Punctual.Storage.Postgres.Tests;

/// <summary>
/// The PostgreSQL server the tests run against: the URL in PUNCTUAL_TEST_POSTGRES (scripts/test.sh starts a throwaway
/// one and sets it). Without it every test fails saying so — a missing server never passes for a green run.
/// Each test works in a schema of its own (<see cref="NewSchema"/>), so tests run in parallel and leave nothing behind.
/// </summary>
public static class TestServer
{
    public const string Variable = "PUNCTUAL_TEST_POSTGRES";

    private static readonly Lazy<PostgresStoreOptions> Server = new(() =>
    {
        var url = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(url))
        {
            throw new InvalidOperationException(
                $"{Variable} is not set, so there is no PostgreSQL server to test against. Run scripts/test.sh (it starts a "
                + $"throwaway server), or start one with 'scripts/postgres.sh start DIR' and export {Variable}=<the URL it prints>.");
        }

        return PostgresStoreOptions.FromUrl(url);
    });

    /// <summary>The server's connection string (no schema).</summary>
    public static string ConnectionString => Server.Value.ConnectionString;

    /// <summary>A fresh schema name; the store's migrations create it.</summary>
    public static string NewSchema() => "t_" + Guid.NewGuid().ToString("N");

    public static PostgresStoreOptions Options(string schema) => new() { ConnectionString = ConnectionString, Schema = schema };

    public static async Task ExecuteAsync(string sql, string? database = null)
    {
        await using var connection = await OpenAsync(database: database);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 30 };
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The first value <paramref name="sql"/> returns, run in <paramref name="schema"/> (or the server's default search path).</summary>
    public static async Task<T> ScalarAsync<T>(string sql, string? schema = null, string? database = null)
    {
        await using var connection = await OpenAsync(schema, database);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 30 };
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public static async Task<NpgsqlConnection> OpenAsync(string? schema = null, string? database = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false, SearchPath = schema };
        if (database is not null)
        {
            builder.Database = database;
        }

        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public static Task DropSchemaAsync(string schema) => ExecuteAsync($"DROP SCHEMA IF EXISTS {schema} CASCADE;");
}
