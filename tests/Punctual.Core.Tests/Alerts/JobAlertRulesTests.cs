using Punctual.Core.Alerts;

namespace Punctual.Core.Tests.Alerts;

public sealed class JobAlertRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    private static JobAlertSpec Spec(int afterFailures = 1, string missedAfter = "5m", string? maxDuration = null, params AlertKind[] on) =>
        new(on.Length == 0 ? [AlertKind.Dead, AlertKind.Missed, AlertKind.Slow] : on, ["ops"], afterFailures, Punctual.Core.Time.Durations.Parse(missedAfter),
            maxDuration is null ? TimeSpan.FromHours(1) : Punctual.Core.Time.Durations.Parse(maxDuration), null);

    private static FinishedRunFact Dead(long id) => new(id, true, T0.AddMinutes(id), "HTTP 500");

    private static FinishedRunFact Succeeded(long id) => new(id, false, T0.AddMinutes(id), null);

    private static AlertCondition Condition(JobAlertSpec spec, JobAlertFacts facts, AlertKind kind, DateTimeOffset? now = null) =>
        Assert.Single(JobAlertRules.Evaluate("nightly", spec, facts, now ?? T0.AddHours(1)), c => c.Kind == kind);

    private static JobAlertFacts Facts(params FinishedRunFact[] newestFirst) => new(newestFirst, null, null);

    [Fact]
    public void Dead_HoldsWhileTheNewestRunIsDead_WithItsReason()
    {
        var condition = Condition(Spec(), Facts(Dead(3), Succeeded(2)), AlertKind.Dead);

        Assert.True(condition.Active);
        Assert.Equal("job:nightly:dead", condition.Cause);
        Assert.Contains("run 3 is dead", condition.Summary);
        Assert.Equal("HTTP 500", condition.Detail);
    }

    [Theory]
    [InlineData(3, new[] { true, true, true }, true)]
    [InlineData(3, new[] { true, true }, false)]
    [InlineData(3, new[] { true, true, false, true }, false)]
    [InlineData(2, new[] { false, true, true }, false)]
    [InlineData(1, new[] { false }, false)]
    [InlineData(1, new bool[0], false)]
    public void Dead_AfterFailures_NeedsThatManyDeadRunsInARow(int afterFailures, bool[] deadNewestFirst, bool active)
    {
        var facts = Facts(deadNewestFirst.Select((dead, i) => dead ? Dead(10 - i) : Succeeded(10 - i)).ToArray());

        Assert.Equal(active, Condition(Spec(afterFailures), facts, AlertKind.Dead).Active);
    }

    [Fact]
    public void Missed_HoldsWhenTheLatestFireStartedLaterThanMissedAfter()
    {
        var late = new JobAlertFacts([], new ScheduledRunFact(1, T0, T0.AddMinutes(6), "succeeded", null), null);
        var onTime = new JobAlertFacts([], new ScheduledRunFact(1, T0, T0.AddMinutes(4), "succeeded", null), null);

        var missed = Condition(Spec(), late, AlertKind.Missed);
        Assert.True(missed.Active);
        Assert.Equal("job:nightly:missed", missed.Cause);
        Assert.Contains("started 6m after its fire time", missed.Detail);
        Assert.False(Condition(Spec(), onTime, AlertKind.Missed).Active);
    }

    [Fact]
    public void Missed_ANotStartedFire_CountsFromNow()
    {
        var pending = new JobAlertFacts([], new ScheduledRunFact(1, T0, null, "pending", null), null);

        Assert.False(Condition(Spec(), pending, AlertKind.Missed, T0.AddMinutes(5)).Active);
        Assert.True(Condition(Spec(), pending, AlertKind.Missed, T0.AddMinutes(5).AddSeconds(1)).Active);
    }

    [Fact]
    public void Missed_AFireSkippedByCatchUp_IsMissed_ButOneSkippedByOverlapIsNot()
    {
        var catchUp = new JobAlertFacts([], new ScheduledRunFact(1, T0, null, "skipped", "catch_up skip: fire was missed"), null);
        var overlap = new JobAlertFacts([], new ScheduledRunFact(1, T0, null, "skipped", "overlap forbid: run 3 is still active"), null);

        Assert.True(Condition(Spec(), catchUp, AlertKind.Missed).Active);
        Assert.False(Condition(Spec(), overlap, AlertKind.Missed).Active);
        Assert.False(Condition(Spec(), Facts(), AlertKind.Missed).Active);
    }

    [Fact]
    public void Slow_HoldsWhileARunRunsLongerThanMaxDuration()
    {
        var running = new JobAlertFacts([], null, T0);

        Assert.False(Condition(Spec(maxDuration: "10m"), running, AlertKind.Slow, T0.AddMinutes(10)).Active);
        var slow = Condition(Spec(maxDuration: "10m"), running, AlertKind.Slow, T0.AddMinutes(11));
        Assert.True(slow.Active);
        Assert.Contains("running for 11m", slow.Summary);
        Assert.False(Condition(Spec(maxDuration: "10m"), Facts(), AlertKind.Slow, T0.AddHours(5)).Active);
    }

    [Fact]
    public void Evaluate_OnlyTheKindsTheJobWatches()
    {
        var conditions = JobAlertRules.Evaluate("nightly", Spec(on: [AlertKind.Missed]), Facts(Dead(1)), T0);

        Assert.Equal([AlertKind.Missed], conditions.Select(c => c.Kind));
    }
}
