using CsCheck;
using Microsoft.Extensions.Time.Testing;
using Punctual.Core.CatchUp;
using Punctual.Core.Jobs;
using Punctual.Core.Overlap;
using Punctual.Core.Planning;
using Punctual.Core.Runs;
using Punctual.Core.Scheduling;
using Punctual.Core.Tests.Support;

namespace Punctual.Core.Tests.Planning;

/// <summary>
/// The planner's promises over random schedules, gaps, policies and bounds: an outage of <see cref="Scenario.MissedFires"/>
/// fires, then a few planner ticks on a fake clock, each tick planning passes until nothing is due.
/// </summary>
public sealed class FirePlannerPropertyTests
{
    private static readonly DateTimeOffset Anchor = Utc.At("2026-01-01T00:00:00Z");

    public sealed record Scenario(
        int IntervalSeconds,
        int MissedFires,
        double OffsetFraction,
        CatchUpPolicy CatchUp,
        OverlapPolicy Overlap,
        int WindowMinutes,
        int ThresholdSeconds,
        int MaxFiresPerPass,
        int MaxRunsPerPass,
        int MaxSkippedRowsPerPass,
        int JitterSeconds,
        ActiveRuns InitiallyActive,
        int Ticks,
        int TickSeconds);

    private static readonly Gen<Scenario> Scenarios =
        from interval in Gen.Int[1, 7_200]
        from missed in Gen.Int[0, 3_000]
        from offset in Gen.Double[0, 0.999]
        from catchUp in Gen.Enum<CatchUpPolicy>()
        from overlap in Gen.Enum<OverlapPolicy>()
        from window in Gen.Int[1, 3_000]
        from threshold in Gen.Int[0, 600]
        from maxFires in Gen.Int[1, 2_000]
        from maxRuns in Gen.Int[1, 300]
        from maxSkipped in Gen.Int[0, 150]
        from jitter in Gen.Frequency((3, Gen.Const(0)), (1, Gen.Int[1, 2 * interval]))
        from running in Gen.Int[0, 1]
        from waiting in Gen.Int[0, 1]
        from ticks in Gen.Int[0, 5]
        from tickSeconds in Gen.Int[1, 3 * interval]
        select new Scenario(interval, missed, offset, catchUp, overlap, window, threshold, maxFires, maxRuns, maxSkipped, jitter,
            new ActiveRuns(running, waiting), ticks, tickSeconds);

    [Fact]
    public void EveryFireIsAccountedExactlyOnce_AndPendingRunsStayWithinThePolicy() =>
        Scenarios.Sample(Check, iter: 300);

    private static void Check(Scenario s)
    {
        var interval = TimeSpan.FromSeconds(s.IntervalSeconds);
        var definition = TestJobs.Definition(
            name: "prop",
            schedule: new EverySpec(interval, Anchor),
            jitter: TimeSpan.FromSeconds(s.JitterSeconds),
            overlap: s.Overlap,
            catchUp: s.CatchUp,
            catchUpWindow: TimeSpan.FromMinutes(s.WindowMinutes));
        var options = new PlannerOptions
        {
            MisfireThreshold = TimeSpan.FromSeconds(s.ThresholdSeconds),
            MaxFiresPerPass = s.MaxFiresPerPass,
            MaxRunsPerPass = s.MaxRunsPerPass,
            MaxSkippedRowsPerPass = s.MaxSkippedRowsPerPass,
        };

        var initialNext = Anchor + (interval * (864_000 / s.IntervalSeconds)); // a fire about ten days after the anchor
        var clock = new FakeTimeProvider(initialNext + (interval * s.MissedFires) + (interval * s.OffsetFraction));
        var job = TestJobs.Due(definition, initialNext, Anchor, active: s.InitiallyActive);
        var nextDue = FirePlanner.DueAt(definition, initialNext);
        var all = new List<PlannedRun>();

        for (var tick = 0; tick <= s.Ticks; tick++)
        {
            if (tick > 0)
            {
                clock.Advance(TimeSpan.FromSeconds(s.TickSeconds));
                if (tick % 2 == 0)
                {
                    // Every other tick, the job's active runs have finished.
                    job = job with { Active = default };
                }
            }

            var now = clock.GetUtcNow();
            var missedPendingThisTick = 0;
            var passes = 0;
            while (nextDue <= now)
            {
                Assert.True(++passes <= 10_000, "planning must make progress");
                var plan = FirePlanner.Plan(job, now, options);
                missedPendingThisTick += CheckPass(s, definition, options, job, plan, now);
                all.AddRange(plan.Runs);

                Assert.NotNull(plan.NextFireAt);
                Assert.True(plan.NextFireAt > job.NextFireAt, "each pass moves the next fire forward");
                Assert.Equal(FirePlanner.DueAt(definition, plan.NextFireAt!.Value), plan.NextDueAt);

                var active = plan.CancelActiveRuns ? default : job.Active;
                active = active with { Waiting = active.Waiting + plan.Runs.Count(r => r.State == RunState.Pending) };
                job = job with { NextFireAt = plan.NextFireAt.Value, RunsCounted = job.RunsCounted + plan.RunsCounted, Active = active };
                nextDue = plan.NextDueAt!.Value;
            }

            if (s.CatchUp == CatchUpPolicy.Latest)
            {
                Assert.True(missedPendingThisTick <= 1, "catch_up latest runs at most one missed fire");
            }
        }

        // Every fire in [initial next fire, final next fire) is accounted exactly once.
        var scheduledFor = all.Select(r => r.ScheduledFor).ToList();
        Assert.Equal(scheduledFor.Count, scheduledFor.Distinct().Count());
        Assert.All(scheduledFor, f =>
        {
            Assert.InRange(f, initialNext, job.NextFireAt.AddTicks(-1));
            Assert.Equal(0, (f - Anchor).Ticks % interval.Ticks);
        });
        var expectedFires = (job.NextFireAt - initialNext).Ticks / interval.Ticks;
        Assert.Equal(expectedFires, all.Sum(r => r.FireCount));

        // Nothing due is left behind: the next fire is due after the clock.
        Assert.True(FirePlanner.DueAt(definition, job.NextFireAt) > clock.GetUtcNow());
        if (s.JitterSeconds == 0)
        {
            Assert.True(job.NextFireAt - clock.GetUtcNow() <= interval);
        }
    }

    /// <summary>Checks one pass; returns how many pending runs it created for missed fires.</summary>
    private static int CheckPass(Scenario s, JobDefinition definition, PlannerOptions options, DueJob job, FirePlan plan, DateTimeOffset now)
    {
        var missedBefore = now - options.MisfireThreshold;
        var pending = plan.Runs.Where(r => r.State == RunState.Pending).ToList();
        var onTime = pending.Count(r => r.DueAt >= missedBefore);
        var missed = pending.Count - onTime;

        Assert.All(plan.Runs, r =>
        {
            Assert.Equal(RunOrigin.Schedule, r.Origin);
            Assert.Equal(IdempotencyKeys.ForFire("prop", r.ScheduledFor), r.IdempotencyKey);
            Assert.True(r.FireCount >= 1);
            Assert.Equal(r.State == RunState.Skipped, r.Reason is not null);
        });
        Assert.All(pending, r =>
        {
            Assert.True(r.DueAt <= now, "only due fires become runs");
            Assert.Equal(FirePlanner.DueAt(definition, r.ScheduledFor), r.DueAt);
            Assert.Equal(1, r.FireCount);
        });

        // Pending runs never exceed what the overlap policy allows (missed fires under catch_up all are queued regardless).
        var allowedOnTime = s.Overlap switch
        {
            OverlapPolicy.Forbid => job.Active.Total == 0 ? 1 : 0,
            OverlapPolicy.BufferOne => Math.Max(0, 2 - job.Active.Total),
            OverlapPolicy.Replace => 1,
            _ => options.MaxRunsPerPass + 1,
        };
        var throughOverlap = s.CatchUp == CatchUpPolicy.All ? onTime : pending.Count;
        Assert.True(throughOverlap <= allowedOnTime, $"{throughOverlap} pending runs under overlap {s.Overlap} with {job.Active} active");
        Assert.True(pending.Count <= options.MaxRunsPerPass + 1);
        switch (s.CatchUp)
        {
            case CatchUpPolicy.Skip:
                Assert.Equal(0, missed);
                break;
            case CatchUpPolicy.Latest:
                Assert.True(missed <= 1);
                break;
            case CatchUpPolicy.All:
                Assert.All(pending, r => Assert.True(r.DueAt >= now - definition.CatchUpWindow || r.DueAt >= missedBefore));
                break;
        }

        if (s.Overlap == OverlapPolicy.Replace && s.JitterSeconds == 0 && onTime > 0)
        {
            Assert.Single(pending);
        }

        // Skipped fires: a bounded number of rows, one summary at most, and MissedFires counts every catch-up skip.
        var catchUpSkips = plan.Runs.Where(r => r.State == RunState.Skipped && !r.Reason!.StartsWith("overlap ", StringComparison.Ordinal)).ToList();
        Assert.True(catchUpSkips.Count <= options.MaxSkippedRowsPerPass + 1);
        Assert.True(plan.Runs.Count(r => r.FireCount > 1) <= 1);
        Assert.Equal(catchUpSkips.Sum(r => r.FireCount), plan.MissedFires);
        Assert.Equal(pending.Count, plan.RunsCounted);
        return missed;
    }
}
