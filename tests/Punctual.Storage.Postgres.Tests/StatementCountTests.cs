using Npgsql;
using Punctual.Core.Gates;
using Punctual.Core.Outcomes;
using Punctual.Core.Runs;
using Punctual.Storage.Conformance.Doubles;
using Punctual.Storage.Conformance.Seeding;
using Punctual.Storage.Gates;
using Punctual.Storage.Jobs;
using Punctual.Storage.Runs;

namespace Punctual.Storage.Postgres.Tests;

/// <summary>
/// What the hot path and the idle loops cost in SQL statements, counted by pg_stat_statements (which the test server
/// preloads) in a database of this class's own, so nothing else running on the server is counted. BEGIN and COMMIT
/// count as statements. An idle node must cost one cheap read per poll; a batch, a handful of statements whatever
/// its size.
/// </summary>
public sealed class StatementCountTests : IAsyncLifetime
{
    private const int Batch = 50;

    private readonly string _database = "punctual_count_" + Guid.NewGuid().ToString("N")[..12];
    private PostgresStore? _store;
    private uint _databaseId;

    private PostgresStore Store => _store!;

    private StoreSeed Seed => new(Store);

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task IdlePolls_CostOneReadEach_AndNoTransaction()
    {
        await Seed.JobAsync("monthly", nextFire: At.Minute(60 * 24 * 30));

        var statements = await CountAsync(async () =>
        {
            await Store.Jobs.NextDueAtAsync(Ct);
            await Store.Runs.NextDueAtAsync(At.T0, Ct);
            await Store.Runs.ExpireLeasesAsync(new LeaseExpiryRequest(At.T0, 100), ScriptedLeaseExpiryDecider.Retry(TimeSpan.Zero), Ct);
        });

        Assert.Equal(3, statements.Count);
        Assert.All(statements, statement => Assert.StartsWith("SELECT", statement, StringComparison.Ordinal));
    }

    // A claim of ungated runs: BEGIN, the gates with due work, set_config and the candidates (one round trip), the
    // apply statement, COMMIT.
    [Fact]
    public async Task ClaimingABatch_CostsThreeRoundTrips()
    {
        for (var i = 0; i < Batch; i++)
        {
            await Seed.TaskAsync(At.T0);
        }

        var statements = await CountAsync(async () => Assert.Equal(Batch, (await Seed.ClaimAsync(At.T0, limit: Batch)).Claimed.Count));

        Assert.Equal(6, statements.Count);
    }

    // Plus the jobs' locks and the running check, batched together.
    [Fact]
    public async Task ClaimingExclusiveRuns_CostsOneMoreRoundTrip()
    {
        for (var i = 0; i < Batch; i++)
        {
            await Seed.JobAsync($"job-{i}");
            await Seed.RunAsync($"job-{i}", At.T0, exclusive: true);
        }

        var statements = await CountAsync(async () => Assert.Equal(Batch, (await Seed.ClaimAsync(At.T0, limit: Batch)).Claimed.Count));

        Assert.Equal(8, statements.Count);
    }

    [Fact]
    public async Task CompletingAndRenewingABatch_CostOneStatementEach()
    {
        for (var i = 0; i < Batch; i++)
        {
            await Seed.TaskAsync(At.T0);
        }

        var claimed = (await Seed.ClaimAsync(At.T0, limit: Batch)).Claimed;
        var completions = claimed.Select(c => new AttemptCompletion(
            c.Run.Id, c.Attempt, StoreSeed.NodeA, At.Second(1), AttemptResult.Success(200, "ok"), RunState.Succeeded, null, null, false)).ToList();

        var renewing = await CountAsync(() => Store.Runs.RenewLeasesAsync(
            new LeaseRenewRequest(StoreSeed.NodeA, claimed.Select(c => (c.Run.Id, c.Attempt)).ToList(), At.Minute(5)), Ct));
        var completing = await CountAsync(async () => Assert.All((await Store.Runs.CompleteAttemptsAsync(completions, Ct)).Applied, Assert.True));

        Assert.Single(renewing);
        Assert.Single(completing);
    }

    // A planning pass: BEGIN, set_config and the due jobs (one round trip), the active-run counts, the apply
    // statement, COMMIT.
    [Fact]
    public async Task PlanningABatch_CostsFourRoundTrips()
    {
        for (var i = 0; i < Batch; i++)
        {
            await Seed.JobAsync($"job-{i}", nextFire: At.T0);
        }

        var statements = await CountAsync(async () =>
            Assert.Equal(Batch, (await Store.Jobs.PlanDueAsync(new PlanDueJobsRequest(At.T0, Batch), new CorePlanning(), Ct)).RunsCreated));

        Assert.Equal(6, statements.Count);
    }

    [Fact]
    public async Task CheckingGateBacklogAlerts_CostsOneReadForAllGates()
    {
        var alert = new Punctual.Core.Alerts.GateAlertSpec(1, TimeSpan.Zero, ["ops"], null);
        foreach (var name in new[] { "a", "b", "c" })
        {
            await Store.Gates.UpsertAsync(
                new GateUpsertRequest(new GateDefinition(name, GateLimits.Create(1, 1, null, adaptive: false), true, alert), At.T0), Ct);
        }

        var statements = await CountAsync(async () => Assert.Equal(3, (await Store.Gates.ListBacklogAlertsAsync(At.T0, Ct)).Count));

        Assert.StartsWith("SELECT", Assert.Single(statements), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreatingATask_CostsOneStatement()
    {
        var statements = await CountAsync(() => Store.Runs.CreateTaskAsync(new TaskCreateRequest(null, Specs.Task(), At.T0, At.T0), Ct));

        Assert.Single(statements);
    }

    // Through its host's gate, created by the same statement the first time.
    [Fact]
    public async Task CreatingATaskThroughAHostGate_CostsOneStatement()
    {
        await Store.Gates.SetHostDefaultsAsync(Punctual.Core.Gates.GateLimits.Create(10, 10, null, adaptive: false), At.T0, Ct);
        var first = await CountAsync(() => Store.Runs.CreateTaskAsync(new TaskCreateRequest(null, Specs.Task(), At.T0, At.T0, "host:receiver.example"), Ct));
        var second = await CountAsync(() => Store.Runs.CreateTaskAsync(new TaskCreateRequest(null, Specs.Task(), At.T0, At.T0, "host:receiver.example"), Ct));

        Assert.Single(first);
        Assert.Single(second);
        Assert.Equal(2, (await Store.Gates.GetAsync("host:receiver.example", At.T0, Ct))!.Backlog);
    }

    public async Task InitializeAsync()
    {
        await TestServer.ExecuteAsync($"CREATE DATABASE {_database};");
        _databaseId = await TestServer.ScalarAsync<uint>($"SELECT oid FROM pg_database WHERE datname = '{_database}';");
        var builder = new NpgsqlConnectionStringBuilder(TestServer.ConnectionString) { Database = _database };
        _store = await PostgresStore.OpenAsync(new PostgresStoreOptions { ConnectionString = builder.ConnectionString }, Ct);
        await _store.MigrateAsync(Ct);
    }

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        await TestServer.ExecuteAsync($"DROP DATABASE IF EXISTS {_database} WITH (FORCE);");
    }

    /// <summary>The statements (one entry per execution) that <paramref name="work"/> ran in this class's database.</summary>
    private async Task<List<string>> CountAsync(Func<Task> work)
    {
        await TestServer.ExecuteAsync($"SELECT public.pg_stat_statements_reset(0, {_databaseId}, 0);");
        await work();
        await using var connection = await TestServer.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT query, calls FROM public.pg_stat_statements WHERE dbid = {_databaseId};", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var statements = new List<string>();
        while (await reader.ReadAsync())
        {
            statements.AddRange(Enumerable.Repeat(reader.GetString(0).TrimStart(), (int)reader.GetInt64(1)));
        }

        return statements;
    }
}
