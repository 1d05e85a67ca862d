using Microsoft.Data.Sqlite;
using Punctual.Storage.Keys;
using Punctual.Storage.Sqlite.Connections;

namespace Punctual.Storage.Sqlite.Tests;

/// <summary>The writer's commands are kept by SQL text (compiled once), bounded, and dropped after a failure.</summary>
public sealed class StatementCacheTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TemporaryDirectory _directory = new();
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public StatementCacheTests() => _connection.Open();

    [Fact]
    public void TheSameSql_GetsTheSameCommand_AndTheLeastRecentlyUsedIsDroppedPastCapacity()
    {
        using var cache = new StatementCache(_connection, capacity: 2);
        var a = cache.Get("SELECT 1;");
        var b = cache.Get("SELECT 2;");

        Assert.Same(a, cache.Get("SELECT 1;"));
        cache.Get("SELECT 3;");

        Assert.Equal(2, cache.Count);
        Assert.Same(a, cache.Get("SELECT 1;"));
        Assert.NotSame(b, cache.Get("SELECT 2;"));
    }

    [Fact]
    public async Task AStatementReusedAcrossTransactions_BindsItsNewValues()
    {
        using var cache = new StatementCache(_connection);
        await using (var create = _connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE t (v INTEGER);";
            await create.ExecuteNonQueryAsync();
        }

        for (var i = 1; i <= 3; i++)
        {
            using var transaction = _connection.BeginTransaction();
            var session = new Session(_connection, transaction, 30, cache);
            await session.ExecuteAsync("INSERT INTO t (v) VALUES (@v);", CancellationToken.None, ("@v", i));
            transaction.Commit();
        }

        using var read = _connection.BeginTransaction();
        var values = await new Session(_connection, read, 30, cache).QueryAsync("SELECT v FROM t ORDER BY v;", r => r.GetInt64(0), CancellationToken.None);
        Assert.Equal([1L, 2L, 3L], values);
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public async Task AStatementThatFailed_IsDropped_AndTheNextCallWorks()
    {
        await using var store = await SqliteStore.OpenAsync(_directory.Options, CancellationToken.None);
        await store.MigrateAsync(CancellationToken.None);
        var hash = new string('a', 64);
        await store.ApiKeys.CreateAsync(new ApiKeyCreateRequest("first", "pk", hash, "read", T0), CancellationToken.None);

        await Assert.ThrowsAsync<StoreException>(() =>
            store.ApiKeys.CreateAsync(new ApiKeyCreateRequest("second", "pk", hash, "read", T0), CancellationToken.None));
        await store.ApiKeys.CreateAsync(new ApiKeyCreateRequest("third", "pk", new string('b', 64), "read", T0), CancellationToken.None);

        Assert.Equal(2, await store.ApiKeys.CountActiveAsync(CancellationToken.None));
    }

    public void Dispose()
    {
        _connection.Dispose();
        _directory.Dispose();
    }
}
