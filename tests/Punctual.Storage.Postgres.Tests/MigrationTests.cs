using Punctual.Storage.Keys;

namespace Punctual.Storage.Postgres.Tests;

/// <summary>
/// Embedded migrations: they create the schema, are recorded once each, are harmless to run again, and serialize
/// behind the migration lock when several nodes start at once on an empty database.
/// </summary>
public sealed class MigrationTests : IAsyncLifetime
{
    private readonly string _schema = TestServer.NewSchema();

    [Fact]
    public async Task Migrate_CreatesTheSchemaAndItsTables_AndRecordsEveryVersion()
    {
        await using (var store = await OpenAsync())
        {
            await store.MigrateAsync(CancellationToken.None);
        }

        Assert.Equal("1:initial,2:nodes,3:gates,4:alerts,5:monitors,6:gate_alerts", await ScalarAsync<string>("SELECT string_agg(version || ':' || name, ',' ORDER BY version) FROM schema_migrations"));
        Assert.Equal(
            "alert_deliveries,api_keys,attempts,channels,gates,incidents,jobs,monitor_pings,monitors,nodes,runs,schema_migrations",
            await ScalarAsync<string>($"SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname = '{_schema}'"));
    }

    [Fact]
    public async Task Migrate_Twice_IsHarmless_AndKeepsTheData()
    {
        await using var store = await OpenAsync();
        await store.MigrateAsync(CancellationToken.None);
        await store.ApiKeys.CreateAsync(new ApiKeyCreateRequest("ci", "pk", new string('a', 64), "read", DateTimeOffset.UnixEpoch), CancellationToken.None);

        await store.MigrateAsync(CancellationToken.None);

        Assert.Equal(1, await store.ApiKeys.CountActiveAsync(CancellationToken.None));
        Assert.Equal(6L, await ScalarAsync<long>("SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task Migrate_FromThreeNodesAtOnce_OnAnEmptyDatabase_AppliesEachMigrationOnce()
    {
        var stores = new List<PostgresStore>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                stores.Add(await OpenAsync());
            }

            await Task.WhenAll(stores.Select(store => Task.Run(() => store.MigrateAsync(CancellationToken.None))));

            Assert.Equal("1,2,3,4,5,6", await ScalarAsync<string>("SELECT string_agg(version::text, ',' ORDER BY version) FROM schema_migrations"));
            Assert.All(await Task.WhenAll(stores.Select(store => store.Jobs.NextDueAtAsync(CancellationToken.None))), Assert.Null);
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Migrate_WaitsForTheMigrationLock_HeldByAnotherNode()
    {
        await using var store = await OpenAsync();
        await using var holder = await TestServer.OpenAsync();
        await using var transaction = await holder.BeginTransactionAsync();
        await using (var take = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_xact_lock(hashtextextended('punctual.migrate.{_schema}', 0));", holder, transaction))
        {
            await take.ExecuteNonQueryAsync();
        }

        var migrating = store.MigrateAsync(CancellationToken.None);
        var waited = await Task.WhenAny(migrating, Task.Delay(TimeSpan.FromMilliseconds(500), TimeProvider.System)) != migrating;
        await transaction.CommitAsync();
        await migrating;

        Assert.True(waited, "the migration went ahead while another node held the migration lock");
        Assert.Equal(6L, await ScalarAsync<long>("SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task Migrate_TunesAutovacuumOfTheHotTables()
    {
        await using (var store = await OpenAsync())
        {
            await store.MigrateAsync(CancellationToken.None);
        }

        var options = await ScalarAsync<string>(
            $"SELECT string_agg(c.relname || ':' || array_to_string(c.reloptions, ';'), ' ' ORDER BY c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '{_schema}' AND c.relname IN ('runs', 'attempts')");
        Assert.Contains("attempts:autovacuum_vacuum_scale_factor=0", options, StringComparison.Ordinal);
        Assert.Contains("runs:autovacuum_vacuum_scale_factor=0", options, StringComparison.Ordinal);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => TestServer.DropSchemaAsync(_schema);

    private Task<PostgresStore> OpenAsync() => PostgresStore.OpenAsync(TestServer.Options(_schema), CancellationToken.None);

    private Task<T> ScalarAsync<T>(string sql) => TestServer.ScalarAsync<T>(sql, _schema);
}
