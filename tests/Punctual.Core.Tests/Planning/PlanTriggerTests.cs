using Punctual.Core.OncePer;
using Punctual.Core.Overlap;
using Punctual.Core.Planning;
using Punctual.Core.Runs;
using Punctual.Core.Scheduling;
using Punctual.Core.Tests.Support;

namespace Punctual.Core.Tests.Planning;

public sealed class PlanTriggerTests
{
    private static readonly DateTimeOffset Now = Utc.At("2026-06-01T09:15:30.1234567Z");

    [Fact]
    public void PlanTrigger_WithNothingActive_CreatesOneManualRunDueNow()
    {
        var plan = FirePlanner.PlanTrigger(TestJobs.Definition(name: "report"), default, Now);

        var run = Assert.Single(plan.Runs);
        Assert.Equal(RunOrigin.Manual, run.Origin);
        Assert.Equal(RunState.Pending, run.State);
        Assert.Equal(Utc.At("2026-06-01T09:15:30.123Z"), run.ScheduledFor);
        Assert.Equal(run.ScheduledFor, run.DueAt);
        Assert.Equal("report/2026-06-01T09:15:30.123Z", run.IdempotencyKey);
        Assert.Equal(1, run.FireCount);
        Assert.Null(run.Reason);
        Assert.Null(run.Period);
        Assert.True(run.Exclusive);
        Assert.False(plan.CancelActiveRuns);
        Assert.Equal(0, plan.RunsCounted);
        Assert.Equal(0, plan.MissedFires);
    }

    [Theory]
    [InlineData(OverlapPolicy.Forbid, 0, 0, RunState.Pending, false)]
    [InlineData(OverlapPolicy.Forbid, 1, 0, RunState.Skipped, false)]
    [InlineData(OverlapPolicy.Forbid, 0, 1, RunState.Skipped, false)]
    [InlineData(OverlapPolicy.BufferOne, 1, 0, RunState.Pending, false)]
    [InlineData(OverlapPolicy.BufferOne, 1, 1, RunState.Skipped, false)]
    [InlineData(OverlapPolicy.Allow, 4, 4, RunState.Pending, false)]
    [InlineData(OverlapPolicy.Replace, 0, 0, RunState.Pending, false)]
    [InlineData(OverlapPolicy.Replace, 1, 0, RunState.Pending, true)]
    [InlineData(OverlapPolicy.Replace, 0, 1, RunState.Pending, true)]
    public void PlanTrigger_HonoursTheOverlapPolicy(OverlapPolicy overlap, int running, int waiting, RunState state, bool cancels)
    {
        var plan = FirePlanner.PlanTrigger(TestJobs.Definition(overlap: overlap), new ActiveRuns(running, waiting), Now);

        var run = Assert.Single(plan.Runs);
        Assert.Equal(state, run.State);
        Assert.Equal(state == RunState.Skipped, run.Reason is not null);
        Assert.Equal(cancels, plan.CancelActiveRuns);
    }

    [Fact]
    public void PlanTrigger_ForAOncePerJob_LabelsTheRunWithItsPeriodInTheJobsZone()
    {
        var definition = TestJobs.Definition(schedule: new CronSpec("0 9 * * *"), timeZone: "Europe/Paris", oncePer: OncePerPeriod.Month);

        // 2026-05-31T22:30Z is already June 1st in Paris (CEST, +02:00).
        var plan = FirePlanner.PlanTrigger(definition, default, Utc.At("2026-05-31T22:30:00Z"));

        Assert.Equal("2026-06", plan.Runs[0].Period);
    }
}
