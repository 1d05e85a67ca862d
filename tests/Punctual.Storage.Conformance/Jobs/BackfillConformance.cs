using Punctual.Core.Backfill;
using Punctual.Core.Planning;
using Punctual.Core.Runs;
using Punctual.Storage.Conformance.Doubles;
using Punctual.Storage.Conformance.Seeding;
using Punctual.Storage.Jobs;
using Punctual.Storage.Runs;

namespace Punctual.Storage.Conformance.Jobs;

/// <summary>Backfills: the fires of a range become runs once, whatever already exists, and their progress is countable.</summary>
public abstract class BackfillConformance : StoreConformance
{
    private static readonly DateTimeOffset Now = At.Minute(60);

    private static CoreBackfillPlanning Range(double fromMinute, double toMinute) =>
        new(BackfillRange.TryCreate(At.Minute(fromMinute), At.Minute(toMinute), Now, out _)!);

    private Task<BackfillResult> BackfillAsync(string job, double fromMinute, double toMinute, bool dryRun = false) =>
        Store.Jobs.BackfillAsync(new BackfillRequest(job, Now, dryRun), Range(fromMinute, toMinute), Ct);

    private async Task<List<RunRecord>> RunsAsync(string job) =>
        (await Store.Runs.ListAsync(new RunListRequest(JobName: job, Limit: 1000), Ct)).Items.OrderBy(r => r.ScheduledFor).ToList();

    [Fact]
    public async Task Backfill_UnknownJob_ReportsItMissing()
    {
        Assert.Equal(BackfillResult.Refused(BackfillStatus.JobNotFound), await BackfillAsync("missing", 0, 4));
    }

    [Fact]
    public async Task Backfill_OnDemandJob_IsRefused_AndWritesNothing()
    {
        await Seed.JobAsync("on-demand", spec: Specs.Job("on-demand", every: null));

        Assert.Equal(BackfillResult.Refused(BackfillStatus.NotScheduled), await BackfillAsync("on-demand", 0, 4));
        Assert.Empty(await RunsAsync("on-demand"));
    }

    [Fact]
    public async Task Backfill_CreatesOnePendingBackfillRunPerFire_DueAtItsFireTime()
    {
        await Seed.JobAsync("sync", spec: Specs.Job("sync", every: "1m"));

        var result = await BackfillAsync("sync", 0, 4);

        Assert.Equal(new BackfillResult(BackfillStatus.Done, 5, 5), result);
        var runs = await RunsAsync("sync");
        Assert.Equal(Enumerable.Range(0, 5).Select(m => At.Minute(m)), runs.Select(r => r.ScheduledFor));
        Assert.All(runs, run =>
        {
            Assert.Equal((RunOrigin.Backfill, RunState.Pending), (run.Origin, run.State));
            Assert.Equal(run.ScheduledFor, run.DueAt);
            Assert.Equal(IdempotencyKeys.ForFire("sync", run.ScheduledFor), run.IdempotencyKey);
        });
    }

    [Fact]
    public async Task Backfill_IsIdempotent_AndNeverDoublesAScheduledFire()
    {
        await Seed.JobAsync("sync", nextFire: At.T0, spec: Specs.Job("sync", every: "1m"));
        var planned = await Store.Jobs.PlanDueAsync(new PlanDueJobsRequest(At.Minute(2), 10), new CorePlanning(), Ct);
        Assert.Equal(3, planned.RunsCreated);

        var first = await BackfillAsync("sync", 0, 4);
        var again = await BackfillAsync("sync", 0, 4);

        Assert.Equal(new BackfillResult(BackfillStatus.Done, 5, 2), first);
        Assert.Equal(new BackfillResult(BackfillStatus.Done, 5, 0), again);
        var runs = await RunsAsync("sync");
        Assert.Equal(5, runs.Count);
        Assert.Equal(
            [RunOrigin.Schedule, RunOrigin.Schedule, RunOrigin.Schedule, RunOrigin.Backfill, RunOrigin.Backfill],
            runs.Select(r => r.Origin));
    }

    [Fact]
    public async Task Backfill_DryRun_CountsExactlyWhatItWouldCreate_AndWritesNothing()
    {
        await Seed.JobAsync("sync", spec: Specs.Job("sync", every: "1m"));
        await BackfillAsync("sync", 0, 1);

        var dry = await BackfillAsync("sync", 0, 4, dryRun: true);

        Assert.Equal(new BackfillResult(BackfillStatus.Done, 5, 3), dry);
        Assert.Equal(2, (await RunsAsync("sync")).Count);
    }

    [Fact]
    public async Task Backfill_OverTheFireLimit_IsRefused_AndWritesNothing()
    {
        await Seed.JobAsync("every-second", spec: Specs.Job("every-second", every: "1s"));
        var range = BackfillRange.TryCreate(At.T0, At.Minute(60 * 48), At.Minute(60 * 48), out _)!;

        var result = await Store.Jobs.BackfillAsync(new BackfillRequest("every-second", At.Minute(60 * 48)), new CoreBackfillPlanning(range), Ct);

        Assert.Equal(BackfillResult.Refused(BackfillStatus.TooManyFires, BackfillPlanner.MaxFires), result);
        Assert.Empty(await RunsAsync("every-second"));
    }

    [Fact]
    public async Task CountFires_CountsTheRangesFiresByState_LeavingOutManualRunsAndOtherJobs()
    {
        await Seed.JobAsync("sync", spec: Specs.Job("sync", every: "1m"));
        await Seed.JobAsync("other", spec: Specs.Job("other", every: "1m"));
        await BackfillAsync("sync", 0, 9);
        await BackfillAsync("other", 0, 9);
        await Seed.RunAsync("sync", At.Minute(3));
        var claimed = await Seed.ClaimAsync(At.Minute(1), limit: 2);
        Assert.Equal(2, claimed.Claimed.Count);
        await Seed.SucceedAsync(claimed.Claimed[0], At.Minute(1));

        var counts = await Store.Jobs.CountFiresAsync(new FireCountRequest("sync", At.Minute(0), At.Minute(4)), Ct);

        Assert.NotNull(counts);
        Assert.Equal(5, counts.Total);
        Assert.Equal(counts.Total, counts.Count(RunState.Pending) + counts.Count(RunState.Running) + counts.Count(RunState.Succeeded));
        Assert.Equal(claimed.Claimed.Count(c => c.Run.JobName == "sync"), counts.Count(RunState.Running) + counts.Count(RunState.Succeeded));
    }

    [Fact]
    public async Task CountFires_UnknownJob_IsNull_AndAJobWithoutRunsCountsZero()
    {
        await Seed.JobAsync("quiet");

        Assert.Null(await Store.Jobs.CountFiresAsync(new FireCountRequest("missing", At.T0, At.Minute(5)), Ct));
        Assert.Equal(0, (await Store.Jobs.CountFiresAsync(new FireCountRequest("quiet", At.T0, At.Minute(5)), Ct))!.Total);
    }
}
