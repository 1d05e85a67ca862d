using Punctual.Core.CatchUp;
using Punctual.Core.Overlap;
using Punctual.Core.Planning;
using Punctual.Core.Runs;
using Punctual.Core.Scheduling;
using Punctual.Core.Tests.Support;

namespace Punctual.Core.Tests.Planning;

/// <summary>A huge gap is planned in bounded passes: bounded fires walked, bounded rows written, nothing lost.</summary>
public sealed class FirePlannerBoundsTests
{
    private static readonly DateTimeOffset Down = Utc.At("2026-05-01T00:00:00Z");
    private static readonly DateTimeOffset Now = Utc.At("2026-05-31T00:00:00Z");

    /// <summary>Every second from <see cref="Down"/> to <see cref="Now"/> inclusive: 30 days of fires.</summary>
    private const long FiresInThirtyDays = (30L * 86_400) + 1;

    private static DueJob EverySecond(CatchUpPolicy catchUp, OverlapPolicy overlap = OverlapPolicy.Forbid, DateTimeOffset? nextFire = null, int runsCounted = 0, ActiveRuns active = default) =>
        TestJobs.Due(
            TestJobs.Definition(name: "tick", schedule: new EverySpec(TimeSpan.FromSeconds(1), Down), catchUp: catchUp, overlap: overlap),
            nextFire ?? Down,
            Down,
            runsCounted,
            active);

    [Fact]
    public void HugeGap_FirstPass_WalksAtMostMaxFiresPerPass_AndSummarisesTheSkippedOnes()
    {
        var plan = FirePlanner.Plan(EverySecond(CatchUpPolicy.Latest), Now, PlannerOptions.Default);

        // 100,000 fires walked (00:00:00 … +99,999 s = 2026-05-02T03:46:39Z), all superseded by a later due fire.
        Assert.Equal(Utc.At("2026-05-02T03:46:40Z"), plan.NextFireAt);
        Assert.Equal(100_000, plan.MissedFires);
        Assert.Empty(plan.Pending());
        Assert.Equal(101, plan.Runs.Count);
        Assert.Equal(Enumerable.Range(0, 100).Select(s => Down.AddSeconds(s)), plan.Runs.Take(100).Select(r => r.ScheduledFor));
        Assert.All(plan.Runs.Take(100), r => Assert.Equal(1, r.FireCount));

        var summary = plan.Runs[100];
        Assert.Equal(RunState.Skipped, summary.State);
        Assert.Equal(Utc.At("2026-05-01T00:01:40Z"), summary.ScheduledFor);
        Assert.Equal(99_900, summary.FireCount);
        Assert.Equal("99900 fires from 2026-05-01T00:01:40Z to 2026-05-02T03:46:39Z skipped (catch_up latest: superseded by a later fire)", summary.Reason);
        Assert.Equal("tick/2026-05-01T00:01:40Z", summary.IdempotencyKey);
    }

    [Theory]
    [InlineData(CatchUpPolicy.Latest)]
    [InlineData(CatchUpPolicy.Skip)]
    public void HugeGap_RepeatedPasses_AccountForEveryFireAndEndWithOnePendingRun(CatchUpPolicy catchUp)
    {
        // Threshold below the interval: only the fire at 'now' itself is on time.
        var options = PlannerOptions.Default with { MisfireThreshold = TimeSpan.FromMilliseconds(500) };
        var job = EverySecond(catchUp);
        var runs = new List<PlannedRun>();
        long missed = 0;
        var passes = 0;

        while (job.NextFireAt <= Now)
        {
            var plan = FirePlanner.Plan(job, Now, options);
            passes++;
            Assert.True(plan.Runs.Count(r => r.State == RunState.Skipped && r.FireCount == 1) <= options.MaxSkippedRowsPerPass + 1);
            Assert.True(plan.Runs.Count(r => r.FireCount > 1) <= 1);
            Assert.True(plan.NextFireAt > job.NextFireAt);
            runs.AddRange(plan.Runs);
            missed += plan.MissedFires;
            job = job with { NextFireAt = plan.NextFireAt!.Value, RunsCounted = job.RunsCounted + plan.RunsCounted };
        }

        Assert.Equal(26, passes); // ⌈2,592,001 / 100,000⌉
        Assert.Equal(Now.AddSeconds(1), job.NextFireAt);
        Assert.Equal(FiresInThirtyDays, runs.Sum(r => r.FireCount));
        Assert.Equal(FiresInThirtyDays - 1, missed);
        Assert.Equal(runs.Count, runs.Select(r => r.ScheduledFor).Distinct().Count());
        var pending = Assert.Single(runs, r => r.State == RunState.Pending);
        Assert.Equal(Now, pending.ScheduledFor);
        Assert.True(runs.Count < 26 * 102);
    }

    [Fact]
    public void HugeGap_WithTheDefaultThreshold_RunsTheFirstOnTimeFireAndOverlapSkipsTheRest()
    {
        var job = EverySecond(CatchUpPolicy.Latest, nextFire: Now.AddSeconds(-600));

        var plan = FirePlanner.Plan(job, Now, PlannerOptions.Default);

        // 23:50:00–23:58:59 missed (540 fires); 23:59:00–00:00:00 within the 1-minute threshold (61 fires).
        Assert.Equal(540, plan.MissedFires);
        Assert.Equal([Now.AddSeconds(-60)], plan.Pending());
        Assert.Equal(60, plan.Runs.Count(r => r.Reason?.StartsWith("overlap forbid", StringComparison.Ordinal) == true));
        Assert.Equal(601, plan.Runs.Sum(r => r.FireCount));
    }

    [Fact]
    public void MaxSkippedRowsPerPass_BeyondTheLimit_OneSummaryRowCoversTheRest()
    {
        var job = EverySecond(CatchUpPolicy.Skip, nextFire: Now.AddSeconds(-300));
        var options = PlannerOptions.Default with { MisfireThreshold = TimeSpan.Zero };

        var plan = FirePlanner.Plan(job, Now, options);

        // 300 missed fires (−300 s … −1 s) and the on-time fire at 'now'.
        Assert.Equal(300, plan.MissedFires);
        Assert.Equal(102, plan.Runs.Count);
        var summary = Assert.Single(plan.Runs, r => r.FireCount > 1);
        Assert.Equal(200, summary.FireCount);
        Assert.Equal(Now.AddSeconds(-200), summary.ScheduledFor);
        Assert.Equal(summary.ScheduledFor, summary.DueAt);
        Assert.Equal("200 fires from 2026-05-30T23:56:40Z to 2026-05-30T23:59:59Z skipped (catch_up skip: fire was missed)", summary.Reason);
        Assert.Equal([Now], plan.Pending());
    }

    [Fact]
    public void MaxSkippedRowsPerPass_OfZero_WritesOnlyTheSummary()
    {
        var job = EverySecond(CatchUpPolicy.Skip, nextFire: Now.AddSeconds(-10));
        var options = PlannerOptions.Default with { MisfireThreshold = TimeSpan.Zero, MaxSkippedRowsPerPass = 0 };

        var plan = FirePlanner.Plan(job, Now, options);

        var summary = Assert.Single(plan.Skipped());
        Assert.Equal(Now.AddSeconds(-10), summary);
        Assert.Equal(10, plan.Runs.Single(r => r.State == RunState.Skipped).FireCount);
    }

    [Fact]
    public void ASummaryOfASingleFire_KeepsTheFiresOwnReason()
    {
        var job = EverySecond(CatchUpPolicy.Skip, nextFire: Now.AddSeconds(-1));
        var options = PlannerOptions.Default with { MisfireThreshold = TimeSpan.Zero, MaxSkippedRowsPerPass = 0 };

        var plan = FirePlanner.Plan(job, Now, options);

        Assert.Equal("catch_up skip: fire was missed", plan.Runs.Single(r => r.State == RunState.Skipped).Reason);
    }

    [Fact]
    public void MaxRunsPerPass_LeavesTheRestForTheNextPass()
    {
        var job = EverySecond(CatchUpPolicy.All, OverlapPolicy.Allow, nextFire: Now.AddSeconds(-29));
        var options = PlannerOptions.Default with { MaxRunsPerPass = 10 };

        var first = FirePlanner.Plan(job, Now, options);
        var second = FirePlanner.Plan(job with { NextFireAt = first.NextFireAt!.Value }, Now, options);

        Assert.Equal(Enumerable.Range(0, 10).Select(s => Now.AddSeconds(-29 + s)), first.Pending());
        Assert.Equal(Now.AddSeconds(-19), first.NextFireAt);
        Assert.Equal(10, first.RunsCounted);
        Assert.Equal(Enumerable.Range(0, 10).Select(s => Now.AddSeconds(-19 + s)), second.Pending());
    }

    [Fact]
    public void MaxFiresPerPass_WithLatest_NeverRunsAFireThatALaterDueFireSupersedes()
    {
        var job = EverySecond(CatchUpPolicy.Latest, nextFire: Now.AddSeconds(-100));
        var options = PlannerOptions.Default with { MaxFiresPerPass = 30, MisfireThreshold = TimeSpan.Zero };

        var plan = FirePlanner.Plan(job, Now, options);

        Assert.Empty(plan.Pending());
        Assert.Equal(30, plan.MissedFires);
        Assert.Equal(Now.AddSeconds(-70), plan.NextFireAt);
    }
}
