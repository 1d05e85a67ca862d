using Microsoft.Extensions.Time.Testing;
using Punctual.Core.Alerts;

namespace Punctual.Core.Tests.Alerts;

public sealed class GateAlertRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    private static GateAlertSpec Spec(int above = 1_000, TimeSpan? @for = null) => new(above, @for ?? TimeSpan.Zero, ["ops"], null);

    [Fact]
    public void Backlog_AboveTheThreshold_HoldsAtOnce_WithoutFor()
    {
        var condition = GateAlertRules.Evaluate("billing", Spec(), new GateBacklogFacts(1_234, T0), T0);

        Assert.True(condition.Active);
        Assert.Equal("gate:billing:backlog", condition.Cause);
        Assert.Equal(AlertKind.GateBacklog, condition.Kind);
        Assert.Equal("billing", condition.Subject);
        Assert.Equal("gate 'billing' has 1,234 runs waiting (above 1,000)", condition.Summary);
        Assert.Null(condition.Detail);
    }

    [Fact]
    public void Backlog_AtOrBelowTheThreshold_DoesNotHold_AndSaysItIsBack()
    {
        var condition = GateAlertRules.Evaluate("billing", Spec(), new GateBacklogFacts(1_000, null), T0);

        Assert.False(condition.Active);
        Assert.Equal("gate 'billing' backlog is back to 1,000 or fewer runs", condition.Summary);
    }

    [Fact]
    public void For_HoldsOnlyOnceTheBacklogStayedAboveThatLong()
    {
        var time = new FakeTimeProvider(T0);
        var spec = Spec(above: 10, @for: TimeSpan.FromMinutes(5));

        // The 11th oldest waiting run fell due at T0: from then on more than 10 have been waiting.
        var facts = new GateBacklogFacts(11, T0);
        Assert.False(GateAlertRules.Evaluate("billing", spec, facts, time.GetUtcNow()).Active);

        time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromMilliseconds(1));
        Assert.False(GateAlertRules.Evaluate("billing", spec, facts, time.GetUtcNow()).Active);

        time.Advance(TimeSpan.FromMilliseconds(1));
        var condition = GateAlertRules.Evaluate("billing", spec, facts, time.GetUtcNow());
        Assert.True(condition.Active);
        Assert.Equal("more than 10 runs have been waiting for at least 5m", condition.Detail);
    }

    [Fact]
    public void For_StartsAgain_WhenTheBacklogDippedToTheThreshold()
    {
        var time = new FakeTimeProvider(T0);
        var spec = Spec(above: 10, @for: TimeSpan.FromMinutes(5));

        time.Advance(TimeSpan.FromMinutes(10));
        // Some runs drained: the run now 11th oldest fell due only a minute ago, so the streak is a minute long.
        var facts = new GateBacklogFacts(11, time.GetUtcNow() - TimeSpan.FromMinutes(1));
        Assert.False(GateAlertRules.Evaluate("billing", spec, facts, time.GetUtcNow()).Active);

        time.Advance(TimeSpan.FromMinutes(4));
        Assert.True(GateAlertRules.Evaluate("billing", spec, facts, time.GetUtcNow()).Active);
        Assert.False(GateAlertRules.Evaluate("billing", spec, new GateBacklogFacts(10, null), time.GetUtcNow()).Active);
    }
}
