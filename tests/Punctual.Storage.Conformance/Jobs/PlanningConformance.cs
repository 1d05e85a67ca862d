using Punctual.Core.Overlap;
using Punctual.Core.Planning;
using Punctual.Core.Runs;
using Punctual.Storage.Conformance.Doubles;
using Punctual.Storage.Conformance.Seeding;
using Punctual.Storage.Jobs;
using Punctual.Storage.Runs;

namespace Punctual.Storage.Conformance.Jobs;

/// <summary>Planning due jobs: every fire becomes exactly one run, and the job's next fire moves with it.</summary>
public abstract class PlanningConformance : StoreConformance
{
    [Fact]
    public async Task PlanDue_TurnsTheDueFireIntoARun_AndMovesTheNextFire()
    {
        await Seed.JobAsync("minutely", nextFire: At.T0);

        var result = await Store.Jobs.PlanDueAsync(new PlanDueJobsRequest(At.T0, 10), new CorePlanning(), Ct);

        Assert.Equal(new PlanDueJobsResult(1, 1, 0, false), result);
        var run = Assert.Single(await RunsOfAsync("minutely"));
        Assert.Equal(RunOrigin.Schedule, run.Origin);
        Assert.Equal(RunState.Pending, run.State);
        Assert.Equal(At.T0, run.ScheduledFor);
        Assert.Equal(At.T0, run.DueAt);
        Assert.Equal("minutely/2026-03-01T00:00:00Z", run.IdempotencyKey);
        Assert.Equal("minutely", run.JobName);
        Assert.Null(run.FinishedAt);
        var job = await Store.Jobs.GetAsync("minutely", Ct);
        Assert.Equal(At.Minute(1), job!.NextFireAt);
        Assert.Equal(At.Minute(1), job.NextDueAt);
        Assert.Equal(1, job.RunsCounted);
        Assert.Equal(1, job.Version);
    }

    [Fact]
    public async Task PlanDue_PlanningTheSameFireAgain_CreatesNoSecondRun()
    {
        await Seed.JobAsync("minutely", nextFire: At.T0);
        await Store.Jobs.PlanDueAsync(new PlanDueJobsRequest(At.T0, 10), new CorePlanning(), Ct);
        await Store.Jobs.UpdateAsync(
            new JobUpdateRequest("minutely", Specs.Job("minutely"), ScheduleChanged: true, At.T0, At.T0, null, At.T0), Ct);

        var again = await Store.Jobs.PlanDueAsync(new PlanDueJobsRequest(At.T0, 10), new CorePlanning(), Ct);

        Assert.Equal(new PlanDueJobsResult(1, 0, 0, false), again);
        Assert.Single(await RunsOfAsync("minutely"));
        Assert.Equal(At.Minute(1), (await Store.Jobs.GetAsync("minutely", Ct))!.NextFireAt);
    }

    [Fact]
    public async Task PlanDue_ConcurrentPasses_PlanEachFireOnce()
    {
        var names = Enumerable.Range(1, 5).Select(i => $"job-{i}").ToList();
        foreach (var name in names)
        {
            await Seed.JobAsync(name, nextFire: At.T0);
        }

        var passes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Task.Run(() => Store.Jobs.PlanDueAsync(new PlanDueJobsRequest(At.T0, 10), new CorePlanning(), Ct))));

        Assert.Equal(5, passes.Sum(pass => pass.JobsPlanned));
        Assert.Equal(5, passes.Sum(pass => pass.RunsCreated));
        foreach (var name in names)
        {
            Assert.Single(await RunsOfAsync(name));
        }
    }

    [Fact]
    public async Task PlanDue_SameFireTimeOfTwoJobs_GivesEachItsRun()
    {
        await Seed.JobAsync("first", nextFire: At.T0);
        await Seed.JobAsync("second", nextFire: At.T0);

        var result = await Store.Jobs.PlanDueAsync(new PlanDueJobsRequest(At.T0, 10), new CorePlanning(), Ct);

        Assert.Equal(2, result.RunsCreated);
        Assert.Single(await RunsOfAsync("first"));
        Assert.Single(await RunsOfAsync("second"));
    }

    [Fact]
    public async Task PlanDue_JobNotYetDue_IsNotPlanned()
    {
        await Seed.JobAsync("later", nextFire: At.Second(1));
        var planning = new CorePlanning();

        var result = await Store.Jobs.PlanDueAsync(new PlanDueJobsRequest(At.T0, 10), planning, Ct);

        Assert.Equal(new PlanDueJobsResult(0, 0, 0, false), result);
        Assert.Empty(await RunsOfAsync("later"));
    }

    [Fact]
    public async Task PlanDue_PausedJob_IsNotPlanned_UntilResumed_ThenCatchesUp()
    {
        await Seed.JobAsync("minutely", nextFire: At.T0);
        await Store.Jobs.SetPausedAsync(new JobPauseRequest("minutely", true, At.T0), Ct);

        var whilePaused = await Store.Jobs.PlanDueAsync(new PlanDueJobsRequest(At.Minute(5), 10), new CorePlanning(), Ct);
        await Store.Jobs.SetPausedAsync(new JobPauseRequest("minutely", false, At.Minute(5)), Ct);
        var resumed = await Store.Jobs.PlanDueAsync(new PlanDueJobsRequest(At.Minute(5), 10), new CorePlanning(), Ct);

        Assert.Equal(0, whilePaused.JobsPlanned);
        Assert.Equal(new PlanDueJobsResult(1, 6, 0, false), resumed);
        Assert.Equal(At.Minute(6), (await Store.Jobs.GetAsync("minutely", Ct))!.NextFireAt);
    }

    [Fact]
    public async Task PlanDue_WhenThePlannerDeclines_LeavesTheJobUntouched()
    {
        var job = await Seed.JobAsync("declined", nextFire: At.T0);

        var result = await Store.Jobs.PlanDueAsync(new PlanDueJobsRequest(At.T0, 10), new ScriptedPlanning((_, _, _) => null), Ct);

        Assert.Equal(new PlanDueJobsResult(0, 0, 0, false), result);
        Assert.Equal(job, await Store.Jobs.GetAsync("declined", Ct));
    }

    [Fact]
    public async Task PlanDue_TakesTheOldestDueFirst_AndReportsMoreDueWhileBatchesAreFull()
    {
        await Seed.JobAsync("c", nextFire: At.Minute(2));
        await Seed.JobAsync("a", nextFire: At.Minute(1));
        await Seed.JobAsync("b", nextFire: At.T0);
        var planning = new ScriptedPlanning((_, _, _) => new FirePlan([], false, null, null, 0, 0));

        var first = await Store.Jobs.PlanDueAsync(new PlanDueJobsRequest(At.Minute(3), 2), planning, Ct);
        var second = await Store.Jobs.PlanDueAsync(new PlanDueJobsRequest(At.Minute(3), 2), planning, Ct);
        var third = await Store.Jobs.PlanDueAsync(new PlanDueJobsRequest(At.Minute(3), 2), planning, Ct);

        Assert.Equal(["b", "a", "c"], planning.Calls.Select(call => call.Job.Name));
        Assert.Equal(new PlanDueJobsResult(2, 0, 0, true), first);
        Assert.Equal(new PlanDueJobsResult(1, 0, 0, false), second);
        Assert.Equal(new PlanDueJobsResult(0, 0, 0, false), third);
    }

    [Fact]
    public async Task PlanDue_RecordsMissedFiresAsSkippedRuns_FinishedWhenPlanned()
    {
        await Seed.JobAsync("skipper", nextFire: At.T0, spec: Specs.Job("skipper", catchUp: "skip"));

        var result = await Store.Jobs.PlanDueAsync(new PlanDueJobsRequest(At.Minute(10), 10), new CorePlanning(), Ct);

        Assert.Equal(new PlanDueJobsResult(1, 2, 9, false), result);
        var runs = await RunsOfAsync("skipper");
        var skipped = runs.Where(run => run.State == RunState.Skipped).ToList();
        Assert.Equal(9, skipped.Count);
        Assert.All(skipped, run =>
        {
            Assert.Equal(At.Minute(10), run.FinishedAt);
            Assert.Equal("catch_up skip: fire was missed", run.Reason);
        });
        Assert.Equal([At.Minute(9), At.Minute(10)], runs.Where(run => run.State == RunState.Pending).Select(run => run.ScheduledFor).Order());
        var job = await Store.Jobs.GetAsync("skipper", Ct);
        Assert.Equal(9, job!.MissedFires);
        Assert.Equal(2, job.RunsCounted);
        Assert.Equal(At.Minute(11), job.NextFireAt);
    }

    [Fact]
    public async Task PlanDue_StoresEveryFieldOfThePlannedRuns_AndAddsThePlansCounters()
    {
        await Seed.JobAsync("custom", nextFire: At.T0);
        var pending = new PlannedRun(RunOrigin.Schedule, At.T0, At.Second(7), RunState.Pending, null, 1, "2026-03", "custom-key", true);
        var summary = new PlannedRun(RunOrigin.Backfill, At.Minute(-30), At.Minute(-30), RunState.Skipped, "3 fires skipped", 3, null, "summary-key", true);
        var planning = new ScriptedPlanning((_, _, _) => new FirePlan([pending, summary], false, At.Minute(5), At.Minute(5.5), 1, 3));

        var result = await Store.Jobs.PlanDueAsync(new PlanDueJobsRequest(At.Minute(1), 10), planning, Ct);

        Assert.Equal(new PlanDueJobsResult(1, 1, 1, false), result);
        var runs = await RunsOfAsync("custom");
        var created = runs.Single(run => run.IdempotencyKey == "custom-key");
        Assert.Equal((RunOrigin.Schedule, At.T0, At.Second(7), RunState.Pending), (created.Origin, created.ScheduledFor, created.DueAt, created.State));
        Assert.Equal(("2026-03", true, 1L, 0, 0), (created.Period, created.Exclusive, created.FireCount, created.AttemptCount, created.AttemptBase));
        Assert.Equal((At.Minute(1), At.Minute(1)), (created.CreatedAt, created.UpdatedAt));
        var skipped = runs.Single(run => run.IdempotencyKey == "summary-key");
        Assert.Equal((RunOrigin.Backfill, RunState.Skipped, "3 fires skipped", 3L), (skipped.Origin, skipped.State, skipped.Reason, skipped.FireCount));
        Assert.Equal(At.Minute(1), skipped.FinishedAt);
        var job = await Store.Jobs.GetAsync("custom", Ct);
        Assert.Equal((At.Minute(5), At.Minute(5.5), 1, 3L), (job!.NextFireAt, job.NextDueAt, job.RunsCounted, job.MissedFires));
    }

    [Fact]
    public async Task PlanDue_ShowsThePlannerTheJobsActiveRuns()
    {
        await Seed.JobAsync("busy", nextFire: At.T0);
        var finished = await Seed.RunningAsync("busy", At.Minute(-3));
        await Seed.SucceedAsync(finished, At.Minute(-3));
        await Seed.RunningAsync("busy", At.Minute(-2));
        await Seed.RunAsync("busy", At.Minute(10));
        await Seed.RunAsync("busy", At.Minute(-1), state: RunState.Skipped);
        var planning = new ScriptedPlanning((_, _, _) => null);

        await Store.Jobs.PlanDueAsync(new PlanDueJobsRequest(At.T0, 10), planning, Ct);

        var call = Assert.Single(planning.Calls);
        Assert.Equal(new ActiveRuns(Running: 1, Waiting: 1), call.Active);
        Assert.Equal(At.T0, call.Now);
    }

    [Fact]
    public async Task PlanDue_WhenThePlanReplaces_CancelsTheRunsActiveBefore_AndClosesTheirAttempts()
    {
        await Seed.JobAsync("replacing", nextFire: At.T0);
        var running = await Seed.RunningAsync("replacing", At.Minute(-2));
        var waiting = await Seed.RunAsync("replacing", At.Minute(10));
        var fresh = new PlannedRun(RunOrigin.Schedule, At.T0, At.T0, RunState.Pending, null, 1, null, "replacing/fresh", true);
        var planning = new ScriptedPlanning((_, _, _) => new FirePlan([fresh], true, At.Minute(1), At.Minute(1), 1, 0));

        await Store.Jobs.PlanDueAsync(new PlanDueJobsRequest(At.T0, 10), planning, Ct);

        foreach (var id in new[] { running.Run.Id, waiting.Id })
        {
            var run = await Seed.GetRunAsync(id);
            Assert.Equal(RunState.Cancelled, run.State);
            Assert.Equal(FirePlan.CancelledByReplaceReason, run.Reason);
            Assert.Equal(At.T0, run.FinishedAt);
            Assert.Null(run.LeaseOwner);
        }

        var attempt = Assert.Single(await Seed.AttemptsAsync(running.Run.Id));
        Assert.Equal(("cancelled", "cancelled", At.T0), (attempt.Outcome, attempt.ErrorClass, attempt.FinishedAt));
        Assert.Equal(RunState.Pending, (await RunsOfAsync("replacing")).Single(run => run.IdempotencyKey == "replacing/fresh").State);
        Assert.False(await Seed.SucceedAsync(running, At.Minute(1)));
    }

    [Fact]
    public async Task PlanDue_WhenTheScheduleIsExhausted_NeverPlansTheJobAgain()
    {
        await Seed.JobAsync("once", nextFire: At.T0);
        var planning = ScriptedPlanning.Returning(null, new PlannedRun(RunOrigin.Schedule, At.T0, At.T0, RunState.Pending, null, 1, null, "once/1", false));

        await Store.Jobs.PlanDueAsync(new PlanDueJobsRequest(At.T0, 10), planning, Ct);
        var later = await Store.Jobs.PlanDueAsync(new PlanDueJobsRequest(At.Minute(60), 10), planning, Ct);

        Assert.Equal(0, later.JobsPlanned);
        Assert.Single(planning.Calls);
        var job = await Store.Jobs.GetAsync("once", Ct);
        Assert.Null(job!.NextFireAt);
        Assert.Null(job.NextDueAt);
        Assert.Null(await Store.Jobs.NextDueAtAsync(Ct));
    }

    private async Task<IReadOnlyList<RunRecord>> RunsOfAsync(string job) =>
        (await Store.Runs.ListAsync(new RunListRequest(JobName: job, Limit: 1_000), Ct)).Items;
}
