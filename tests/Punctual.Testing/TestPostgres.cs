using Npgsql;

namespace Punctual.Testing;

/// <summary>
/// A fresh schema on the PostgreSQL server the test script started (PUNCTUAL_TEST_POSTGRES), dropped on dispose.
/// Without that variable the test fails, saying how to get a server — it never skips silently.
/// </summary>
public sealed class TestPostgres : IAsyncDisposable
{
    public const string Variable = "PUNCTUAL_TEST_POSTGRES";

    private readonly string _serverUrl;

    private TestPostgres(string serverUrl, string schema)
    {
        _serverUrl = serverUrl;
        Schema = schema;
    }

    public string Schema { get; }

    /// <summary>The store URL for <c>punctual serve --store</c> (and PostgresStoreOptions.FromUrl), scoped to this schema.</summary>
    public string StoreUrl => $"{_serverUrl}{(_serverUrl.Contains('?', StringComparison.Ordinal) ? '&' : '?')}schema={Schema}";

    public static async Task<TestPostgres> CreateAsync()
    {
        var url = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(url))
        {
            throw new InvalidOperationException(
                $"{Variable} is not set. Run scripts/test.sh (it starts a throwaway PostgreSQL), or start one with scripts/postgres.sh and export its URL.");
        }

        var schema = "t_" + Guid.NewGuid().ToString("N")[..16];
        var postgres = new TestPostgres(url, schema);
        await postgres.ExecuteAsync($"CREATE SCHEMA {schema};");
        return postgres;
    }

    /// <summary>Runs SQL in this schema (for assertions that the API does not expose, e.g. statement counts).</summary>
    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString($"Search Path={Schema}"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 30 };
        return await command.ExecuteScalarAsync();
    }

    public async ValueTask DisposeAsync() => await ExecuteAsync($"DROP SCHEMA IF EXISTS {Schema} CASCADE;");

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 30 };
        await command.ExecuteNonQueryAsync();
    }

    private string ConnectionString(string? extra = null)
    {
        var uri = new Uri(_serverUrl);
        var user = Uri.UnescapeDataString(uri.UserInfo.Split(':')[0]);
        var password = uri.UserInfo.Contains(':', StringComparison.Ordinal) ? Uri.UnescapeDataString(uri.UserInfo.Split(':', 2)[1]) : null;
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.Port > 0 ? uri.Port : 5432,
            Database = uri.AbsolutePath.Trim('/'),
            Username = user,
            Timeout = 10,
            Pooling = false,
        };
        if (password is not null)
        {
            builder.Password = password;
        }

        return extra is null ? builder.ConnectionString : $"{builder.ConnectionString};{extra}";
    }
}
