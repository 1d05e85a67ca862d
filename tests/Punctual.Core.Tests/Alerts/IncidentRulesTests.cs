using Punctual.Core.Alerts;
using Punctual.Core.Incidents;

namespace Punctual.Core.Tests.Alerts;

public sealed class IncidentRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(false, null, true, 0, IncidentAction.Open)]
    [InlineData(false, null, false, 0, IncidentAction.None)]
    [InlineData(true, null, true, 600, IncidentAction.None)]
    [InlineData(true, 60, true, 59, IncidentAction.None)]
    [InlineData(true, 60, true, 60, IncidentAction.Repeat)]
    [InlineData(true, 60, false, 120, IncidentAction.Close)]
    [InlineData(true, null, false, 0, IncidentAction.Close)]
    public void Decide_OneIncidentPerCause_OneRecovery_AndOnlyTheAskedReAlerts(bool isOpen, int? nextAlertSeconds, bool active, int nowSeconds, IncidentAction expected)
    {
        var next = nextAlertSeconds is { } s ? T0.AddSeconds(s) : (DateTimeOffset?)null;

        Assert.Equal(expected, IncidentRules.Decide(isOpen, next, active, T0.AddSeconds(nowSeconds)));
    }

    [Theory]
    [InlineData(true, true, IncidentAction.Escalate)]
    [InlineData(false, true, IncidentAction.Open)]
    [InlineData(true, false, IncidentAction.Close)]
    public void Decide_AWorseCauseOnAnOpenIncident_Escalates_ButNeverOpensOrKeepsOneOpen(bool isOpen, bool active, IncidentAction expected) =>
        Assert.Equal(expected, IncidentRules.Decide(isOpen, T0.AddHours(1), active, T0, escalates: true));

    [Fact]
    public void NextAlertAt_IsOneRepeatAfterTheAlert_OrNever()
    {
        Assert.Equal(T0.AddHours(4), IncidentRules.NextAlertAt(TimeSpan.FromHours(4), T0));
        Assert.Null(IncidentRules.NextAlertAt(null, T0));
    }

    [Fact]
    public void DeliveryRetry_BacksOffThenGivesUp()
    {
        Assert.Equal(T0.AddSeconds(10), DeliveryRetry.Next(1, T0));
        Assert.Equal(T0.AddSeconds(20), DeliveryRetry.Next(2, T0));
        Assert.Equal(T0.AddMinutes(10), DeliveryRetry.Next(9, T0));
        Assert.Null(DeliveryRetry.Next(DeliveryRetry.MaxAttempts, T0));
    }
}
