using Punctual.Core.CatchUp;
using Punctual.Core.Overlap;
using Punctual.Core.Planning;
using Punctual.Core.Runs;
using Punctual.Core.Scheduling;
using Punctual.Core.Tests.Support;

namespace Punctual.Core.Tests.Planning;

/// <summary>An hourly job ("0 * * * *", UTC) whose next fire fell due at 02:00 while the system was down.</summary>
public sealed class FirePlannerCatchUpTests
{
    private static readonly DateTimeOffset Created = Utc.At("2026-01-01T00:00:00Z");
    private static readonly DateTimeOffset NextFire = Utc.At("2026-06-01T02:00:00Z");

    private static FirePlan Plan(CatchUpPolicy catchUp, string now, OverlapPolicy overlap = OverlapPolicy.Forbid, TimeSpan? window = null, string nextFire = "2026-06-01T02:00:00Z")
    {
        var definition = TestJobs.Definition(schedule: new CronSpec("0 * * * *"), catchUp: catchUp, overlap: overlap, catchUpWindow: window);
        return FirePlanner.Plan(TestJobs.Due(definition, Utc.At(nextFire), Created), Utc.At(now), PlannerOptions.Default);
    }

    [Fact]
    public void Latest_AfterTenHoursDown_RunsOnlyTheMostRecentFireAndSkipsTheOthers()
    {
        var plan = Plan(CatchUpPolicy.Latest, "2026-06-01T11:30:00Z");

        Assert.Equal([Utc.At("2026-06-01T11:00:00Z")], plan.Pending());
        Assert.Equal(Plans.Hours("2026-06-01T02:00:00Z", 9), plan.Skipped());
        Assert.All(plan.Runs.Where(r => r.State == RunState.Skipped), r =>
            Assert.Equal("catch_up latest: superseded by a later fire", r.Reason));
        Assert.Equal(Utc.At("2026-06-01T12:00:00Z"), plan.NextFireAt);
        Assert.Equal(Utc.At("2026-06-01T12:00:00Z"), plan.NextDueAt);
        Assert.Equal(9, plan.MissedFires);
        Assert.Equal(1, plan.RunsCounted);
        Assert.False(plan.CancelActiveRuns);
    }

    [Fact]
    public void Latest_WhenNowIsExactlyAFire_RunsThatFireAndSkipsAllMissedOnes()
    {
        var plan = Plan(CatchUpPolicy.Latest, "2026-06-01T12:00:00Z");

        Assert.Equal([Utc.At("2026-06-01T12:00:00Z")], plan.Pending());
        Assert.Equal(Plans.Hours("2026-06-01T02:00:00Z", 10), plan.Skipped());
        Assert.Equal(10, plan.MissedFires);
        Assert.Equal(Utc.At("2026-06-01T13:00:00Z"), plan.NextFireAt);
    }

    [Fact]
    public void Latest_TheRunForTheLatestMissedFire_IsDueAtItsFireTime()
    {
        var latest = Plan(CatchUpPolicy.Latest, "2026-06-01T11:30:00Z").Runs.Single(r => r.State == RunState.Pending);

        Assert.Equal(Utc.At("2026-06-01T11:00:00Z"), latest.DueAt);
        Assert.Equal(RunOrigin.Schedule, latest.Origin);
        Assert.Equal("job/2026-06-01T11:00:00Z", latest.IdempotencyKey);
        Assert.Equal(1, latest.FireCount);
        Assert.Null(latest.Reason);
    }

    [Fact]
    public void Latest_WithNothingMissed_RunsTheDueFire()
    {
        var plan = Plan(CatchUpPolicy.Latest, "2026-06-01T11:00:20Z", nextFire: "2026-06-01T11:00:00Z");

        Assert.Equal([Utc.At("2026-06-01T11:00:00Z")], plan.Pending());
        Assert.Empty(plan.Skipped());
        Assert.Equal(0, plan.MissedFires);
    }

    [Fact]
    public void All_WithAFiveHourWindow_RunsFiresInsideTheWindowAndSkipsOlderOnes()
    {
        var plan = Plan(CatchUpPolicy.All, "2026-06-01T11:30:00Z", OverlapPolicy.Allow, TimeSpan.FromHours(5));

        Assert.Equal(Plans.Hours("2026-06-01T07:00:00Z", 5), plan.Pending());
        Assert.Equal(Plans.Hours("2026-06-01T02:00:00Z", 5), plan.Skipped());
        Assert.All(plan.Runs.Where(r => r.State == RunState.Skipped), r =>
            Assert.Equal("catch_up all: older than catch_up_window (5h)", r.Reason));
        Assert.Equal(5, plan.MissedFires);
        Assert.Equal(5, plan.RunsCounted);
        Assert.Equal(Utc.At("2026-06-01T12:00:00Z"), plan.NextFireAt);
    }

    [Fact]
    public void All_AFireExactlyAtTheWindowStart_IsCaughtUp()
    {
        var plan = Plan(CatchUpPolicy.All, "2026-06-01T12:00:00Z", OverlapPolicy.Allow, TimeSpan.FromHours(5));

        Assert.Equal(Plans.Hours("2026-06-01T07:00:00Z", 6), plan.Pending());
        Assert.Equal(Plans.Hours("2026-06-01T02:00:00Z", 5), plan.Skipped());
    }

    [Fact]
    public void All_PendingRunsAreInFireOrder_OldestFirst()
    {
        var pending = Plan(CatchUpPolicy.All, "2026-06-01T11:30:00Z", OverlapPolicy.Allow).Runs.Where(r => r.State == RunState.Pending).ToList();

        Assert.Equal(pending.OrderBy(r => r.ScheduledFor).Select(r => r.ScheduledFor), pending.Select(r => r.ScheduledFor));
        Assert.All(pending, r => Assert.Equal(r.ScheduledFor, r.DueAt));
    }

    [Fact]
    public void Skip_RecordsEveryMissedFireSkipped_AndWaitsForTheNextFire()
    {
        var plan = Plan(CatchUpPolicy.Skip, "2026-06-01T11:30:00Z");

        Assert.Empty(plan.Pending());
        Assert.Equal(Plans.Hours("2026-06-01T02:00:00Z", 10), plan.Skipped());
        Assert.All(plan.Runs, r => Assert.Equal("catch_up skip: fire was missed", r.Reason));
        Assert.Equal(10, plan.MissedFires);
        Assert.Equal(0, plan.RunsCounted);
        Assert.Equal(Utc.At("2026-06-01T12:00:00Z"), plan.NextFireAt);
    }

    [Fact]
    public void Skip_WhenNowIsExactlyAFire_StillRunsThatFire()
    {
        var plan = Plan(CatchUpPolicy.Skip, "2026-06-01T12:00:00Z");

        Assert.Equal([Utc.At("2026-06-01T12:00:00Z")], plan.Pending());
        Assert.Equal(10, plan.Skipped().Count);
    }

    [Theory]
    // Default misfire threshold: 1 minute. A fire due at most that long ago is on time, whatever the catch-up policy.
    [InlineData(CatchUpPolicy.Skip, "2026-06-01T11:00:00Z", true)]
    [InlineData(CatchUpPolicy.Skip, "2026-06-01T11:00:59.999Z", true)]
    [InlineData(CatchUpPolicy.Skip, "2026-06-01T11:01:00Z", true)]
    [InlineData(CatchUpPolicy.Skip, "2026-06-01T11:01:00.001Z", false)]
    [InlineData(CatchUpPolicy.All, "2026-06-01T11:01:00Z", true)]
    [InlineData(CatchUpPolicy.Latest, "2026-06-01T11:01:00Z", true)]
    [InlineData(CatchUpPolicy.Latest, "2026-06-01T11:30:00Z", true)]
    public void FireWithinTheMisfireThreshold_AlwaysRuns(CatchUpPolicy catchUp, string now, bool runs)
    {
        var plan = Plan(catchUp, now, nextFire: "2026-06-01T11:00:00Z");

        Assert.Equal(runs ? [Utc.At("2026-06-01T11:00:00Z")] : [], plan.Pending());
        Assert.Equal(runs ? 0 : 1, plan.MissedFires);
    }

    [Fact]
    public void AnOnTimeFire_SupersedesTheLatestMissedOne()
    {
        var plan = Plan(CatchUpPolicy.Latest, "2026-06-01T11:00:30Z", nextFire: "2026-06-01T10:00:00Z");

        Assert.Equal([Utc.At("2026-06-01T11:00:00Z")], plan.Pending());
        Assert.Equal([Utc.At("2026-06-01T10:00:00Z")], plan.Skipped());
        Assert.Equal(1, plan.MissedFires);
    }

    [Theory]
    [InlineData(CatchUpPolicy.Latest)]
    [InlineData(CatchUpPolicy.All)]
    [InlineData(CatchUpPolicy.Skip)]
    public void NothingDue_PlansNothingAndKeepsTheNextFire(CatchUpPolicy catchUp)
    {
        var plan = Plan(catchUp, "2026-06-01T01:59:59.999Z");

        Assert.Empty(plan.Runs);
        Assert.Equal(NextFire, plan.NextFireAt);
        Assert.Equal(NextFire, plan.NextDueAt);
        Assert.Equal(0, plan.MissedFires);
        Assert.Equal(0, plan.RunsCounted);
    }

    [Fact]
    public void MissedFires_CountCatchUpSkipsButNotOverlapSkips()
    {
        // catch_up latest, overlap forbid with a run active: 9 fires superseded (missed), the latest skipped by overlap.
        var definition = TestJobs.Definition(schedule: new CronSpec("0 * * * *"));
        var job = TestJobs.Due(definition, NextFire, Created, active: new Punctual.Core.Overlap.ActiveRuns(1, 0));

        var plan = FirePlanner.Plan(job, Utc.At("2026-06-01T11:30:00Z"), PlannerOptions.Default);

        Assert.Empty(plan.Pending());
        Assert.Equal(10, plan.Skipped().Count);
        Assert.Equal(9, plan.MissedFires);
    }

    [Fact]
    public void All_WithForbid_QueuesEveryFireInTheWindow()
    {
        var plan = Plan(CatchUpPolicy.All, "2026-06-01T11:30:00Z", OverlapPolicy.Forbid, TimeSpan.FromHours(5));

        Assert.Equal(Plans.Hours("2026-06-01T07:00:00Z", 5), plan.Pending());
        Assert.Equal(Plans.Hours("2026-06-01T02:00:00Z", 5), plan.Skipped());
        Assert.Equal(5, plan.MissedFires);
    }
}
