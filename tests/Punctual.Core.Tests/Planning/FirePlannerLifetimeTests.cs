using Punctual.Core.CatchUp;
using Punctual.Core.Overlap;
using Punctual.Core.Planning;
using Punctual.Core.Runs;
using Punctual.Core.Scheduling;
using Punctual.Core.Tests.Support;

namespace Punctual.Core.Tests.Planning;

public sealed class FirePlannerLifetimeTests
{
    private static readonly DateTimeOffset Now = Utc.At("2026-06-01T11:30:00Z");
    private static readonly DateTimeOffset NextFire = Utc.At("2026-06-01T02:00:00Z");

    [Fact]
    public void MaxRuns_StopsTheScheduleOnceReached()
    {
        var definition = TestJobs.Definition(schedule: new CronSpec("0 * * * *"), catchUp: CatchUpPolicy.All, overlap: OverlapPolicy.Allow, maxRuns: 3);

        var plan = FirePlanner.Plan(TestJobs.Due(definition, NextFire, default, runsCounted: 1), Now, PlannerOptions.Default);

        Assert.Equal(Plans.Hours("2026-06-01T02:00:00Z", 2), plan.Pending());
        Assert.Empty(plan.Skipped());
        Assert.Equal(2, plan.RunsCounted);
        Assert.Null(plan.NextFireAt);
        Assert.Null(plan.NextDueAt);
    }

    [Fact]
    public void MaxRuns_WithLatest_RunsTheLatestAndStops()
    {
        var definition = TestJobs.Definition(schedule: new CronSpec("0 * * * *"), maxRuns: 1);

        var plan = FirePlanner.Plan(TestJobs.Due(definition, NextFire, default), Now, PlannerOptions.Default);

        Assert.Equal([Utc.At("2026-06-01T11:00:00Z")], plan.Pending());
        Assert.Equal(9, plan.Skipped().Count);
        Assert.Null(plan.NextFireAt);
    }

    [Fact]
    public void MaxRuns_AlreadyReached_PlansNothingAndStops()
    {
        var definition = TestJobs.Definition(schedule: new CronSpec("0 * * * *"), maxRuns: 5);

        var plan = FirePlanner.Plan(TestJobs.Due(definition, NextFire, default, runsCounted: 5), Now, PlannerOptions.Default);

        Assert.Empty(plan.Runs);
        Assert.Null(plan.NextFireAt);
    }

    [Fact]
    public void MaxRuns_CountsOnlyDispatchedRuns_NotSkippedOnes()
    {
        var definition = TestJobs.Definition(schedule: new CronSpec("0 * * * *"), catchUp: CatchUpPolicy.Skip, maxRuns: 2);

        var plan = FirePlanner.Plan(TestJobs.Due(definition, NextFire, default), Now, PlannerOptions.Default);

        Assert.Empty(plan.Pending());
        Assert.Equal(10, plan.Skipped().Count);
        Assert.Equal(0, plan.RunsCounted);
        Assert.Equal(Utc.At("2026-06-01T12:00:00Z"), plan.NextFireAt);
    }

    [Fact]
    public void End_StopsTheScheduleAfterTheLastFireAtOrBeforeIt()
    {
        var definition = TestJobs.Definition(schedule: new CronSpec("0 * * * *"), end: Utc.At("2026-06-01T05:00:00Z"));

        var plan = FirePlanner.Plan(TestJobs.Due(definition, NextFire, default), Now, PlannerOptions.Default);

        Assert.Equal([Utc.At("2026-06-01T05:00:00Z")], plan.Pending());
        Assert.Equal(Plans.Hours("2026-06-01T02:00:00Z", 3), plan.Skipped());
        Assert.Null(plan.NextFireAt);
    }

    [Fact]
    public void End_InTheFuture_KeepsTheSchedule()
    {
        var definition = TestJobs.Definition(schedule: new CronSpec("0 * * * *"), end: Utc.At("2026-06-01T12:00:00Z"));

        var plan = FirePlanner.Plan(TestJobs.Due(definition, NextFire, default), Now, PlannerOptions.Default);

        Assert.Equal(Utc.At("2026-06-01T12:00:00Z"), plan.NextFireAt);
    }

    [Fact]
    public void End_JustBeforeTheNextFire_StopsTheSchedule()
    {
        var definition = TestJobs.Definition(schedule: new CronSpec("0 * * * *"), end: Utc.At("2026-06-01T11:59:59Z"));

        var plan = FirePlanner.Plan(TestJobs.Due(definition, NextFire, default), Now, PlannerOptions.Default);

        Assert.Equal([Utc.At("2026-06-01T11:00:00Z")], plan.Pending());
        Assert.Null(plan.NextFireAt);
    }

    [Fact]
    public void At_AfterItsSingleFire_IsExhausted()
    {
        var at = Utc.At("2026-06-01T11:00:00Z");
        var definition = TestJobs.Definition(schedule: new AtSpec(at));

        var plan = FirePlanner.Plan(TestJobs.Due(definition, at, default), Utc.At("2026-06-01T11:00:10Z"), PlannerOptions.Default);

        Assert.Equal([at], plan.Pending());
        Assert.Null(plan.NextFireAt);
        Assert.Null(plan.NextDueAt);
    }

    [Fact]
    public void At_MissedLongAgoUnderLatest_StillRunsOnce()
    {
        var at = Utc.At("2026-05-01T11:00:00Z");
        var definition = TestJobs.Definition(schedule: new AtSpec(at));

        var plan = FirePlanner.Plan(TestJobs.Due(definition, at, default), Now, PlannerOptions.Default);

        Assert.Equal([at], plan.Pending());
        Assert.Null(plan.NextFireAt);
    }

    [Fact]
    public void At_MissedUnderSkip_IsRecordedSkipped()
    {
        var at = Utc.At("2026-05-01T11:00:00Z");
        var definition = TestJobs.Definition(schedule: new AtSpec(at), catchUp: CatchUpPolicy.Skip);

        var plan = FirePlanner.Plan(TestJobs.Due(definition, at, default), Now, PlannerOptions.Default);

        Assert.Equal([at], plan.Skipped());
        Assert.Equal(1, plan.MissedFires);
        Assert.Null(plan.NextFireAt);
    }

    [Fact]
    public void NextFire_FindsTheFirstFireStrictlyAfter()
    {
        var definition = TestJobs.Definition(schedule: new CronSpec("0 * * * *"));

        var next = FirePlanner.NextFire(definition, definition.BindSchedule(default), Utc.At("2026-06-01T10:00:00Z"), 0);

        Assert.Equal((Utc.At("2026-06-01T11:00:00Z"), Utc.At("2026-06-01T11:00:00Z")), next);
    }

    [Fact]
    public void NextFire_BeforeStart_WaitsForStart_IncludingAFireAtStart()
    {
        var definition = TestJobs.Definition(schedule: new CronSpec("0 * * * *"), start: Utc.At("2026-07-01T00:00:00Z"));

        var next = FirePlanner.NextFire(definition, definition.BindSchedule(default), Utc.At("2026-06-01T10:00:00Z"), 0);

        Assert.Equal(Utc.At("2026-07-01T00:00:00Z"), next?.Fire);
    }

    [Fact]
    public void NextFire_AfterStart_IgnoresIt()
    {
        var definition = TestJobs.Definition(schedule: new CronSpec("0 * * * *"), start: Utc.At("2026-01-01T00:00:00Z"));

        Assert.Equal(Utc.At("2026-06-01T11:00:00Z"), FirePlanner.NextFire(definition, definition.BindSchedule(default), Utc.At("2026-06-01T10:00:00Z"), 0)?.Fire);
    }

    [Theory]
    [InlineData("2026-06-01T10:59:59Z", null, true)]
    [InlineData("2026-06-01T11:00:00Z", null, false)]
    [InlineData(null, 4, true)]
    [InlineData(null, 5, false)]
    public void NextFire_BeyondEndOrMaxRuns_IsNull(string? end, int? maxRuns, bool exhausted)
    {
        var definition = TestJobs.Definition(schedule: new CronSpec("0 * * * *"), end: Utc.AtOrNull(end), maxRuns: maxRuns);

        var next = FirePlanner.NextFire(definition, definition.BindSchedule(default), Utc.At("2026-06-01T10:00:00Z"), runsCounted: 4);

        Assert.Equal(exhausted, next is null);
    }

    [Fact]
    public void NextFire_ForAnOnDemandJob_IsNull()
    {
        var definition = TestJobs.Definition();

        Assert.Null(definition.BindSchedule(default));
        Assert.Null(FirePlanner.NextFire(definition, null, Utc.At("2026-06-01T10:00:00Z"), 0));
    }

    [Fact]
    public void NextFire_WithJitter_IsDueWithinTheJitterAfterTheNominalFire()
    {
        var definition = TestJobs.Definition(schedule: new CronSpec("0 * * * *"), jitter: TimeSpan.FromMinutes(10));

        var (fire, due) = FirePlanner.NextFire(definition, definition.BindSchedule(default), Utc.At("2026-06-01T10:00:00Z"), 0)!.Value;

        Assert.Equal(Utc.At("2026-06-01T11:00:00Z"), fire);
        Assert.InRange(due, fire, fire.AddMinutes(10));
        Assert.Equal(due, FirePlanner.NextFire(definition, definition.BindSchedule(default), Utc.At("2026-06-01T10:00:00Z"), 0)!.Value.Due);
    }

    [Fact]
    public void Jitter_AFireWhoseJitteredDueTimeIsAhead_IsNotPlannedYet()
    {
        var fire = Utc.At("2026-06-01T11:00:00Z");
        var definition = TestJobs.Definition(name: "jittered", schedule: new CronSpec("0 * * * *"), jitter: TimeSpan.FromMinutes(10));
        var job = TestJobs.Due(definition, fire, default);

        var early = FirePlanner.Plan(job, fire, PlannerOptions.Default);
        var late = FirePlanner.Plan(job, fire.AddMinutes(10), PlannerOptions.Default);

        Assert.Empty(early.Runs);
        Assert.Equal(fire, early.NextFireAt);
        Assert.InRange(early.NextDueAt!.Value, fire.AddTicks(1), fire.AddMinutes(10));
        var run = Assert.Single(late.Runs);
        Assert.Equal(fire, run.ScheduledFor);
        Assert.Equal(early.NextDueAt, run.DueAt);
        Assert.Equal("jittered/2026-06-01T11:00:00Z", run.IdempotencyKey);
        Assert.Equal(RunState.Pending, run.State);
    }
}
