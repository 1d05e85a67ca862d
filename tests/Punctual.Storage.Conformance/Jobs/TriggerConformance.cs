using Punctual.Core.Overlap;
using Punctual.Core.Planning;
using Punctual.Core.Runs;
using Punctual.Storage.Conformance.Doubles;
using Punctual.Storage.Conformance.Seeding;
using Punctual.Storage.Jobs;

namespace Punctual.Storage.Conformance.Jobs;

/// <summary>Manual triggers: a run now, under the job's overlap policy decided in the same transaction.</summary>
public abstract class TriggerConformance : StoreConformance
{
    [Fact]
    public async Task Trigger_UnknownJob_ReportsItMissing()
    {
        var result = await Store.Jobs.TriggerAsync(new TriggerRequest("missing", null, At.T0), new CoreTriggerPlanning(), Ct);

        Assert.Equal(new TriggerResult(false, null), result);
    }

    [Fact]
    public async Task Trigger_CreatesAManualRunDueNow_CarryingTheBodyOverride()
    {
        await Seed.JobAsync("on-demand", spec: Specs.Job("on-demand", every: null));

        var result = await Store.Jobs.TriggerAsync(new TriggerRequest("on-demand", """{"full":true}""", At.Minute(5)), new CoreTriggerPlanning(), Ct);

        Assert.True(result.JobFound);
        var run = result.Run!;
        Assert.Equal((RunOrigin.Manual, RunState.Pending), (run.Origin, run.State));
        Assert.Equal((At.Minute(5), At.Minute(5)), (run.ScheduledFor, run.DueAt));
        Assert.Equal("""{"full":true}""", run.BodyOverrideJson);
        Assert.Equal("on-demand/2026-03-01T00:05:00Z", run.IdempotencyKey);
        Assert.Equal("on-demand", run.JobName);
        Assert.Equal(run, await Seed.GetRunAsync(run.Id));
    }

    [Fact]
    public async Task Trigger_WithoutABodyOverride_LeavesItNull()
    {
        await Seed.JobAsync("on-demand");

        var result = await Store.Jobs.TriggerAsync(new TriggerRequest("on-demand", null, At.T0), new CoreTriggerPlanning(), Ct);

        Assert.Null(result.Run!.BodyOverrideJson);
    }

    [Fact]
    public async Task Trigger_ShowsThePlannerTheJobsActiveRuns()
    {
        await Seed.JobAsync("busy");
        await Seed.RunningAsync("busy", At.Minute(-1));
        await Seed.RunAsync("busy", At.Minute(9));
        var planning = ScriptedTriggerPlanning.Returning(
            new PlannedRun(RunOrigin.Manual, At.T0, At.T0, RunState.Pending, null, 1, null, "busy/now", false));

        await Store.Jobs.TriggerAsync(new TriggerRequest("busy", null, At.T0), planning, Ct);

        Assert.Equal(new ActiveRuns(1, 1), Assert.Single(planning.Calls).Active);
    }

    [Fact]
    public async Task Trigger_UnderForbid_WhileARunIsActive_RecordsASkippedRun()
    {
        await Seed.JobAsync("single", spec: Specs.Job("single", overlap: "forbid"));
        await Seed.RunningAsync("single", At.Minute(-1), exclusive: true);

        var result = await Store.Jobs.TriggerAsync(new TriggerRequest("single", null, At.T0), new CoreTriggerPlanning(), Ct);

        var run = result.Run!;
        Assert.Equal(RunState.Skipped, run.State);
        Assert.StartsWith("overlap forbid", run.Reason);
        Assert.Equal(At.T0, run.FinishedAt);
    }

    [Fact]
    public async Task Trigger_UnderReplace_CancelsTheActiveRuns_AndCreatesTheNewOne()
    {
        await Seed.JobAsync("latest-wins", spec: Specs.Job("latest-wins", overlap: "replace"));
        var running = await Seed.RunningAsync("latest-wins", At.Minute(-1), exclusive: true);

        var result = await Store.Jobs.TriggerAsync(new TriggerRequest("latest-wins", null, At.T0), new CoreTriggerPlanning(), Ct);

        Assert.Equal(RunState.Pending, result.Run!.State);
        var replaced = await Seed.GetRunAsync(running.Run.Id);
        Assert.Equal(RunState.Cancelled, replaced.State);
        Assert.Equal(FirePlan.CancelledByReplaceReason, replaced.Reason);
        Assert.Equal("cancelled", Assert.Single(await Seed.AttemptsAsync(running.Run.Id)).Outcome);
        // The replaced run no longer holds the job, so the new (exclusive) run may start at once.
        Assert.Equal(result.Run.Id, Assert.Single((await Seed.ClaimAsync(At.T0)).Claimed).Run.Id);
    }

    [Fact]
    public async Task Trigger_NeverMovesTheJobsSchedule()
    {
        var job = await Seed.JobAsync("scheduled", nextFire: At.Minute(10));

        await Store.Jobs.TriggerAsync(new TriggerRequest("scheduled", null, At.T0), new CoreTriggerPlanning(), Ct);

        Assert.Equal(job, await Store.Jobs.GetAsync("scheduled", Ct));
    }

    [Fact]
    public async Task Trigger_TwiceAtTheSameInstant_CreatesTwoRuns()
    {
        await Seed.JobAsync("clicked");

        var first = await Store.Jobs.TriggerAsync(new TriggerRequest("clicked", null, At.T0), new CoreTriggerPlanning(), Ct);
        var second = await Store.Jobs.TriggerAsync(new TriggerRequest("clicked", null, At.T0), new CoreTriggerPlanning(), Ct);

        Assert.NotEqual(first.Run!.Id, second.Run!.Id);
    }
}
