using Microsoft.Data.Sqlite;
using Punctual.Storage.Jobs;

namespace Punctual.Storage.Sqlite.Tests;

/// <summary>What the file keeps: data across close and reopen, WAL mode, instants as unix milliseconds.</summary>
public sealed class DurabilityTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task Data_SurvivesCloseAndReopen()
    {
        JobRecord created;
        await using (var store = await OpenMigratedAsync())
        {
            created = (await store.Jobs.CreateAsync(new JobCreateRequest("nightly", "{}", T0.AddMinutes(1), T0.AddMinutes(1), T0), CancellationToken.None)).Job!;
        }

        await using var reopened = await OpenMigratedAsync();

        Assert.Equal(created, await reopened.Jobs.GetAsync("nightly", CancellationToken.None));
    }

    [Fact]
    public async Task TheFile_IsInWalMode()
    {
        await using var store = await OpenMigratedAsync();

        Assert.Equal("wal", await ScalarAsync("PRAGMA journal_mode;"));
    }

    [Fact]
    public async Task Instants_AreStoredAsUnixMilliseconds()
    {
        await using var store = await OpenMigratedAsync();
        await store.Jobs.CreateAsync(new JobCreateRequest("nightly", "{}", T0.AddMilliseconds(1_234), null, T0), CancellationToken.None);

        Assert.Equal(T0.ToUnixTimeMilliseconds() + 1_234, await ScalarAsync("SELECT next_fire_at FROM jobs;"));
    }

    private async Task<SqliteStore> OpenMigratedAsync()
    {
        var store = await SqliteStore.OpenAsync(_directory.Options, CancellationToken.None);
        await store.MigrateAsync(CancellationToken.None);
        return store;
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_directory.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    public void Dispose() => _directory.Dispose();
}
