using Microsoft.Data.Sqlite;
using Punctual.Storage.Keys;

namespace Punctual.Storage.Sqlite.Tests;

/// <summary>Embedded migrations: applied in order, recorded, and harmless to run again.</summary>
public sealed class MigrationTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task MigrateAsync_RecordsEveryAppliedVersion()
    {
        await using (var store = await SqliteStore.OpenAsync(_directory.Options, CancellationToken.None))
        {
            await store.MigrateAsync(CancellationToken.None);
        }

        var versions = await QueryAsync("SELECT version, name, applied_at FROM schema_migrations ORDER BY version;");

        Assert.Equal([(1L, "initial"), (2L, "nodes"), (3L, "gates"), (4L, "alerts"), (5L, "monitors"), (6L, "gate_alerts")], versions.Select(v => ((long)v[0]!, (string)v[1]!)));
        Assert.All(versions, v => Assert.True((long)v[2]! > 0));
    }

    [Fact]
    public async Task MigrateAsync_Twice_IsHarmless_AndKeepsTheData()
    {
        await using var store = await SqliteStore.OpenAsync(_directory.Options, CancellationToken.None);
        await store.MigrateAsync(CancellationToken.None);
        await store.ApiKeys.CreateAsync(new ApiKeyCreateRequest("ci", "pk", new string('a', 64), "read", DateTimeOffset.UnixEpoch), CancellationToken.None);

        await store.MigrateAsync(CancellationToken.None);

        Assert.Equal(1, await store.ApiKeys.CountActiveAsync(CancellationToken.None));
        Assert.Equal(6, (await QueryAsync("SELECT version FROM schema_migrations;")).Count);
    }

    [Fact]
    public async Task Migrations_CreateTheTablesTheStoreUses()
    {
        await using (var store = await SqliteStore.OpenAsync(_directory.Options, CancellationToken.None))
        {
            await store.MigrateAsync(CancellationToken.None);
        }

        var tables = await QueryAsync("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name;");

        Assert.Equal(["alert_deliveries", "api_keys", "attempts", "channels", "gates", "incidents", "jobs", "monitor_pings", "monitors", "nodes", "runs", "schema_migrations"], tables.Select(row => (string)row[0]!));
    }

    private async Task<List<object?[]>> QueryAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_directory.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            reader.GetValues(row!);
            rows.Add(row);
        }

        return rows;
    }

    public void Dispose() => _directory.Dispose();
}
