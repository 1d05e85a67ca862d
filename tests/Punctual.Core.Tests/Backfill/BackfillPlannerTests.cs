using Punctual.Core.Backfill;
using Punctual.Core.Jobs;
using Punctual.Core.OncePer;
using Punctual.Core.Overlap;
using Punctual.Core.Planning;
using Punctual.Core.Runs;
using Punctual.Core.Scheduling;
using Punctual.Core.Tests.Planning;
using Punctual.Core.Tests.Support;

namespace Punctual.Core.Tests.Backfill;

public sealed class BackfillPlannerTests
{
    private static readonly DateTimeOffset Created = Utc.At("2026-01-01T00:00:00Z");
    private static readonly DateTimeOffset Now = Utc.At("2026-06-10T00:00:00Z");

    private static BackfillRange Range(string from, string to)
    {
        var range = BackfillRange.TryCreate(Utc.At(from), Utc.At(to), Now, out var error);
        Assert.Null(error);
        return range!;
    }

    private static BackfillPlan Plan(JobDefinition definition, string from, string to) =>
        BackfillPlanner.Plan(definition, definition.BindSchedule(Created)!, Range(from, to));

    [Fact]
    public void Plan_CreatesOnePendingBackfillRunPerFireInTheRange_BothEndsIncluded()
    {
        var definition = TestJobs.Definition(name: "sync", schedule: new CronSpec("0 * * * *"));

        var plan = Plan(definition, "2026-06-01T02:00:00Z", "2026-06-01T05:00:00Z");

        Assert.False(plan.Truncated);
        Assert.Equal(Plans.Hours("2026-06-01T02:00:00Z", 4), plan.Runs.Select(r => r.ScheduledFor).ToList());
        Assert.All(plan.Runs, run =>
        {
            Assert.Equal(RunOrigin.Backfill, run.Origin);
            Assert.Equal(RunState.Pending, run.State);
            Assert.Equal(run.ScheduledFor, run.DueAt);
            Assert.Equal(1, run.FireCount);
            Assert.Null(run.Reason);
        });
    }

    [Fact]
    public void Plan_UsesTheScheduledFiresIdentityAndKey_SoAnExistingFireIsNotDoubled()
    {
        var definition = TestJobs.Definition(name: "sync", schedule: new CronSpec("0 * * * *"));
        var scheduled = FirePlanner.Plan(TestJobs.Due(definition, Utc.At("2026-06-01T03:00:00Z"), Created), Utc.At("2026-06-01T03:00:01Z"), PlannerOptions.Default);

        var backfilled = Plan(definition, "2026-06-01T03:00:00Z", "2026-06-01T03:30:00Z");

        var expected = Assert.Single(scheduled.Runs);
        var run = Assert.Single(backfilled.Runs);
        Assert.Equal(expected.ScheduledFor, run.ScheduledFor);
        Assert.Equal(expected.IdempotencyKey, run.IdempotencyKey);
    }

    [Fact]
    public void Plan_QueuesWhateverTheOverlapPolicy_AndKeepsExclusivityAndPeriod()
    {
        var definition = TestJobs.Definition(name: "invoice", schedule: new CronSpec("0 6 * * *"), overlap: OverlapPolicy.Forbid, oncePer: OncePerPeriod.Month);

        var plan = Plan(definition, "2026-05-30T00:00:00Z", "2026-06-02T00:00:00Z");

        Assert.Equal(3, plan.Runs.Count);
        Assert.All(plan.Runs, run => Assert.True(run.Exclusive));
        Assert.Equal(["2026-05", "2026-05", "2026-06"], plan.Runs.Select(r => r.Period));
    }

    [Fact]
    public void Plan_AppliesTheJobsJitterToDueTimes()
    {
        var definition = TestJobs.Definition(name: "jittery", schedule: new CronSpec("0 * * * *"), jitter: TimeSpan.FromMinutes(5));

        var plan = Plan(definition, "2026-06-01T00:00:00Z", "2026-06-01T10:00:00Z");

        Assert.All(plan.Runs, run => Assert.Equal(FirePlanner.DueAt(definition, run.ScheduledFor), run.DueAt));
        Assert.Contains(plan.Runs, run => run.DueAt != run.ScheduledFor);
    }

    [Fact]
    public void Plan_IgnoresStartEndAndMaxRuns_TheRangeIsTheOperatorsChoice()
    {
        var definition = TestJobs.Definition(
            schedule: new CronSpec("0 0 * * *"),
            start: Utc.At("2026-06-01T00:00:00Z"),
            end: Utc.At("2026-06-02T00:00:00Z"),
            maxRuns: 1);

        var plan = Plan(definition, "2026-05-01T00:00:00Z", "2026-05-31T00:00:00Z");

        Assert.Equal(31, plan.Runs.Count);
    }

    [Fact]
    public void Plan_EmptyWhenNoFireFallsInTheRange()
    {
        var definition = TestJobs.Definition(schedule: new CronSpec("0 0 1 * *"));

        Assert.Empty(Plan(definition, "2026-05-02T00:00:00Z", "2026-05-31T00:00:00Z").Runs);
    }

    [Fact]
    public void Plan_StopsAtTheLimitAndSaysSo()
    {
        var definition = TestJobs.Definition(schedule: new EverySpec(TimeSpan.FromSeconds(1), null));

        var plan = Plan(definition, "2026-05-01T00:00:00Z", "2026-05-03T00:00:00Z");

        Assert.True(plan.Truncated);
        Assert.Equal(BackfillPlanner.MaxFires, plan.Runs.Count);
    }

    [Theory]
    [InlineData("2026-06-01T00:00:00Z", "2026-06-01T00:00:00Z", "must be before")]
    [InlineData("2026-06-02T00:00:00Z", "2026-06-01T00:00:00Z", "must be before")]
    [InlineData("2026-06-01T00:00:00Z", "2026-06-11T00:00:00Z", "is in the future")]
    public void Range_RejectsEmptyReversedAndFutureRanges(string from, string to, string message)
    {
        var range = BackfillRange.TryCreate(Utc.At(from), Utc.At(to), Now, out var error);

        Assert.Null(range);
        Assert.Contains(message, error);
    }

    [Fact]
    public void Range_TruncatesToStorePrecision()
    {
        var range = BackfillRange.TryCreate(Utc.At("2026-06-01T00:00:00.1234567Z"), Utc.At("2026-06-02T00:00:00Z"), Now, out _);

        Assert.Equal(Utc.At("2026-06-01T00:00:00.123Z"), range!.From);
    }
}
