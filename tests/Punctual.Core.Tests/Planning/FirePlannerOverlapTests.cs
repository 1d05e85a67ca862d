using Punctual.Core.CatchUp;
using Punctual.Core.Overlap;
using Punctual.Core.Planning;
using Punctual.Core.Runs;
using Punctual.Core.Scheduling;
using Punctual.Core.Tests.Support;

namespace Punctual.Core.Tests.Planning;

/// <summary>
/// Overlap applied to several runs created in one pass: an hourly job with fires 07:00–11:00 due at 11:30, all of them
/// on time because the misfire threshold is 6 hours (missed fires under catch_up all are queued regardless of overlap;
/// see <see cref="All_QueuesMissedFiresRegardlessOfOverlap"/>).
/// </summary>
public sealed class FirePlannerOverlapTests
{
    private static readonly DateTimeOffset Now = Utc.At("2026-06-01T11:30:00Z");

    private static readonly PlannerOptions SixHourThreshold = new() { MisfireThreshold = TimeSpan.FromHours(6) };

    private static FirePlan Plan(OverlapPolicy overlap, ActiveRuns active = default, CatchUpPolicy catchUp = CatchUpPolicy.Latest, PlannerOptions? options = null)
    {
        var definition = TestJobs.Definition(schedule: new CronSpec("0 * * * *"), catchUp: catchUp, overlap: overlap);
        var job = TestJobs.Due(definition, Utc.At("2026-06-01T07:00:00Z"), Utc.At("2026-01-01T00:00:00Z"), active: active);
        return FirePlanner.Plan(job, Now, options ?? SixHourThreshold);
    }

    [Fact]
    public void Forbid_WithNothingActive_CreatesTheFirstAndSkipsTheRest()
    {
        var plan = Plan(OverlapPolicy.Forbid);

        Assert.Equal([Utc.At("2026-06-01T07:00:00Z")], plan.Pending());
        Assert.Equal(Plans.Hours("2026-06-01T08:00:00Z", 4), plan.Skipped());
        Assert.All(plan.Runs.Where(r => r.State == RunState.Skipped), r => Assert.StartsWith("overlap forbid", r.Reason, StringComparison.Ordinal));
        Assert.Equal(1, plan.RunsCounted);
        Assert.False(plan.CancelActiveRuns);
    }

    [Fact]
    public void Forbid_WhileARunIsActive_SkipsEveryFire()
    {
        var plan = Plan(OverlapPolicy.Forbid, new ActiveRuns(1, 0));

        Assert.Empty(plan.Pending());
        Assert.Equal(Plans.Hours("2026-06-01T07:00:00Z", 5), plan.Skipped());
        Assert.Equal(0, plan.RunsCounted);
        Assert.Equal(Utc.At("2026-06-01T12:00:00Z"), plan.NextFireAt);
    }

    [Fact]
    public void BufferOne_WithNothingActive_KeepsOneRunningAndOneWaiting()
    {
        var plan = Plan(OverlapPolicy.BufferOne);

        Assert.Equal(Plans.Hours("2026-06-01T07:00:00Z", 2), plan.Pending());
        Assert.Equal(Plans.Hours("2026-06-01T09:00:00Z", 3), plan.Skipped());
        Assert.All(plan.Runs.Where(r => r.State == RunState.Skipped), r => Assert.StartsWith("overlap buffer_one", r.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void BufferOne_WhileARunIsActive_BuffersOne()
    {
        var plan = Plan(OverlapPolicy.BufferOne, new ActiveRuns(1, 0));

        Assert.Equal([Utc.At("2026-06-01T07:00:00Z")], plan.Pending());
        Assert.Equal(4, plan.Skipped().Count);
    }

    [Fact]
    public void BufferOne_WhenOneIsAlreadyWaiting_SkipsEveryFire()
    {
        var plan = Plan(OverlapPolicy.BufferOne, new ActiveRuns(1, 1));

        Assert.Empty(plan.Pending());
        Assert.Equal(5, plan.Skipped().Count);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(3, 2)]
    public void Allow_CreatesEveryFire(int running, int waiting)
    {
        var plan = Plan(OverlapPolicy.Allow, new ActiveRuns(running, waiting));

        Assert.Equal(Plans.Hours("2026-06-01T07:00:00Z", 5), plan.Pending());
        Assert.All(plan.Runs, r => Assert.False(r.Exclusive));
    }

    [Fact]
    public void Replace_KeepsOnlyTheNewestRunOfThePass()
    {
        var plan = Plan(OverlapPolicy.Replace);

        Assert.Equal([Utc.At("2026-06-01T11:00:00Z")], plan.Pending());
        Assert.Equal(Plans.Hours("2026-06-01T07:00:00Z", 4), plan.Skipped());
        Assert.All(plan.Runs.Where(r => r.State == RunState.Skipped), r => Assert.Equal(FirePlan.CancelledByReplaceReason, r.Reason));
        Assert.Equal(1, plan.RunsCounted);
        Assert.False(plan.CancelActiveRuns); // nothing was active before the pass
    }

    [Fact]
    public void Replace_WhileARunIsActive_CancelsItAndCreatesTheNewOne()
    {
        var plan = Plan(OverlapPolicy.Replace, new ActiveRuns(1, 0));

        Assert.True(plan.CancelActiveRuns);
        Assert.Equal([Utc.At("2026-06-01T11:00:00Z")], plan.Pending());
    }

    [Fact]
    public void Replace_WithASingleFireAndNothingActive_CancelsNothing()
    {
        var definition = TestJobs.Definition(schedule: new CronSpec("0 * * * *"), overlap: OverlapPolicy.Replace);
        var plan = FirePlanner.Plan(TestJobs.Due(definition, Utc.At("2026-06-01T11:00:00Z"), default), Utc.At("2026-06-01T11:00:00Z"), PlannerOptions.Default);

        Assert.False(plan.CancelActiveRuns);
        Assert.Equal([Utc.At("2026-06-01T11:00:00Z")], plan.Pending());
    }

    [Theory]
    [InlineData(OverlapPolicy.Forbid, true)]
    [InlineData(OverlapPolicy.BufferOne, true)]
    [InlineData(OverlapPolicy.Replace, true)]
    [InlineData(OverlapPolicy.Allow, false)]
    public void PlannedRuns_AreExclusiveUnlessOverlapIsAllowed(OverlapPolicy overlap, bool exclusive) =>
        Assert.All(Plan(overlap).Runs, r => Assert.Equal(exclusive, r.Exclusive));

    [Fact]
    public void Latest_WithForbidWhileARunIsActive_SkipsTheLatestByOverlap()
    {
        var definition = TestJobs.Definition(schedule: new CronSpec("0 * * * *"));
        var job = TestJobs.Due(definition, Utc.At("2026-06-01T07:00:00Z"), default, active: new ActiveRuns(1, 0));

        var plan = FirePlanner.Plan(job, Now, PlannerOptions.Default);

        Assert.Empty(plan.Pending());
        var latest = plan.Runs.Single(r => r.ScheduledFor == Utc.At("2026-06-01T11:00:00Z"));
        Assert.StartsWith("overlap forbid", latest.Reason, StringComparison.Ordinal);
        Assert.Equal(4, plan.MissedFires);
    }

    [Theory]
    [InlineData(OverlapPolicy.Forbid, 0, 0)]
    [InlineData(OverlapPolicy.Forbid, 1, 0)]
    [InlineData(OverlapPolicy.BufferOne, 1, 1)]
    [InlineData(OverlapPolicy.Replace, 1, 0)]
    [InlineData(OverlapPolicy.Allow, 0, 0)]
    public void All_QueuesMissedFiresRegardlessOfOverlap(OverlapPolicy overlap, int running, int waiting)
    {
        // Default threshold (1 minute): 07:00–11:00 are missed at 11:30 and inside the 1-day window.
        var plan = Plan(overlap, new ActiveRuns(running, waiting), CatchUpPolicy.All, PlannerOptions.Default);

        Assert.Equal(Plans.Hours("2026-06-01T07:00:00Z", 5), plan.Pending());
        Assert.Empty(plan.Skipped());
        Assert.False(plan.CancelActiveRuns);
        Assert.Equal(5, plan.RunsCounted);
        Assert.All(plan.Runs, r => Assert.Equal(OverlapPolicies.IsExclusive(overlap), r.Exclusive));
    }

    [Fact]
    public void All_AnOnTimeFireAfterQueuedMissedFires_StillFollowsOverlap()
    {
        // At 12:00, 07:00–11:00 are missed (queued by catch_up all) and 12:00 is on time behind them.
        var definition = TestJobs.Definition(schedule: new CronSpec("0 * * * *"), catchUp: CatchUpPolicy.All, overlap: OverlapPolicy.Forbid);
        var job = TestJobs.Due(definition, Utc.At("2026-06-01T07:00:00Z"), default);

        var plan = FirePlanner.Plan(job, Utc.At("2026-06-01T12:00:00Z"), PlannerOptions.Default);

        Assert.Equal(Plans.Hours("2026-06-01T07:00:00Z", 5), plan.Pending());
        var onTime = plan.Runs.Single(r => r.ScheduledFor == Utc.At("2026-06-01T12:00:00Z"));
        Assert.Equal(RunState.Skipped, onTime.State);
        Assert.StartsWith("overlap forbid", onTime.Reason, StringComparison.Ordinal);
        Assert.Equal(0, plan.MissedFires);
    }

    [Fact]
    public void All_WithReplace_AnOnTimeFireReplacesTheQueuedCatchUpRuns()
    {
        var definition = TestJobs.Definition(schedule: new CronSpec("0 * * * *"), catchUp: CatchUpPolicy.All, overlap: OverlapPolicy.Replace);
        var job = TestJobs.Due(definition, Utc.At("2026-06-01T07:00:00Z"), default);

        var plan = FirePlanner.Plan(job, Utc.At("2026-06-01T12:00:00Z"), PlannerOptions.Default);

        Assert.Equal([Utc.At("2026-06-01T12:00:00Z")], plan.Pending());
        Assert.Equal(Plans.Hours("2026-06-01T07:00:00Z", 5), plan.Skipped());
        Assert.All(plan.Runs.Where(r => r.State == RunState.Skipped), r => Assert.Equal(FirePlan.CancelledByReplaceReason, r.Reason));
        Assert.Equal(1, plan.RunsCounted);
    }
}
