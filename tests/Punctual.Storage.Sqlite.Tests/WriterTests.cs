using Microsoft.Data.Sqlite;
using Punctual.Core.Overlap;
using Punctual.Core.Planning;
using Punctual.Storage.Jobs;
using Punctual.Storage.Keys;

namespace Punctual.Storage.Sqlite.Tests;

/// <summary>The single writer: reads run beside it, a write that waits too long for it fails clearly, and failures are wrapped once.</summary>
public sealed class WriterTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task WhileAWriteIsInProgress_ReadsProceed_AndAWriteThatWaitsTooLongFailsNamingItsOperation()
    {
        var options = new SqliteStoreOptions { Path = _directory.DatabasePath, WriterLockTimeout = TimeSpan.FromMilliseconds(200) };
        await using var store = await SqliteStore.OpenAsync(options, CancellationToken.None);
        await store.MigrateAsync(CancellationToken.None);
        await store.Jobs.CreateAsync(new JobCreateRequest("due", "{}", T0, T0, T0), CancellationToken.None);
        using var planner = new BlockingPlanning();

        var planning = Task.Run(() => store.Jobs.PlanDueAsync(new PlanDueJobsRequest(T0, 10), planner, CancellationToken.None));
        Assert.True(planner.Entered.Wait(Patience));

        Assert.NotNull(await store.Jobs.GetAsync("due", CancellationToken.None));
        var busy = await Assert.ThrowsAsync<StoreException>(() =>
            store.Jobs.CreateAsync(new JobCreateRequest("other", "{}", null, null, T0), CancellationToken.None));
        Assert.StartsWith("creating job 'other' failed", busy.Message);

        planner.Release.Set();
        Assert.Equal(1, (await planning).JobsPlanned);
        Assert.True((await store.Jobs.CreateAsync(new JobCreateRequest("other", "{}", null, null, T0), CancellationToken.None)).Done);
    }

    [Fact]
    public async Task ADatabaseFailure_IsWrappedOnce_NamingTheOperation()
    {
        await using var store = await SqliteStore.OpenAsync(_directory.Options, CancellationToken.None);
        await store.MigrateAsync(CancellationToken.None);
        var hash = new string('a', 64);
        await store.ApiKeys.CreateAsync(new ApiKeyCreateRequest("first", "pk", hash, "read", T0), CancellationToken.None);

        var failure = await Assert.ThrowsAsync<StoreException>(() =>
            store.ApiKeys.CreateAsync(new ApiKeyCreateRequest("second", "pk", hash, "read", T0), CancellationToken.None));

        Assert.Equal("creating API key 'second' failed", failure.Message);
        Assert.IsType<SqliteException>(failure.InnerException);
        Assert.Equal(1, await store.ApiKeys.CountActiveAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AnExceptionInsideAWrite_RollsTheWholeTransactionBack()
    {
        await using var store = await SqliteStore.OpenAsync(_directory.Options, CancellationToken.None);
        await store.MigrateAsync(CancellationToken.None);
        await store.Jobs.CreateAsync(new JobCreateRequest("a", "{}", T0, T0, T0), CancellationToken.None);
        await store.Jobs.CreateAsync(new JobCreateRequest("b", "{}", T0, T0, T0), CancellationToken.None);
        var calls = 0;
        var planner = new FuncPlanning((_, _) => ++calls == 1
            ? new FirePlan([], false, T0.AddMinutes(1), T0.AddMinutes(1), 0, 0)
            : throw new InvalidOperationException("planner bug"));

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            store.Jobs.PlanDueAsync(new PlanDueJobsRequest(T0, 10), planner, CancellationToken.None));

        Assert.Equal(T0, (await store.Jobs.GetAsync("a", CancellationToken.None))!.NextFireAt);
        Assert.Equal(T0, (await store.Jobs.GetAsync("b", CancellationToken.None))!.NextFireAt);
    }

    public void Dispose() => _directory.Dispose();

    /// <summary>A planner that holds the writer until the test lets go.</summary>
    private sealed class BlockingPlanning : IFirePlanning, IDisposable
    {
        public ManualResetEventSlim Entered { get; } = new();

        public ManualResetEventSlim Release { get; } = new();

        public FirePlan? Plan(JobRecord job, ActiveRuns active, DateTimeOffset now)
        {
            Entered.Set();
            Assert.True(Release.Wait(Patience));
            return new FirePlan([], false, null, null, 0, 0);
        }

        public void Dispose()
        {
            Release.Set();
            Entered.Dispose();
            Release.Dispose();
        }
    }

    private sealed class FuncPlanning(Func<JobRecord, ActiveRuns, FirePlan?> plan) : IFirePlanning
    {
        public FirePlan? Plan(JobRecord job, ActiveRuns active, DateTimeOffset now) => plan(job, active);
    }
}
