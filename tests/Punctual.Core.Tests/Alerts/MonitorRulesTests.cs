using Punctual.Core.Monitors;
using Punctual.Core.Scheduling;

namespace Punctual.Core.Tests.Alerts;

public sealed class MonitorRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    private static readonly MonitorDefinition Hourly = new("backup", null, null, TimeSpan.FromHours(1), "UTC", TimeSpan.FromMinutes(10), ["ops"], null);

    private static MonitorState State(MonitorDefinition monitor, MonitorFacts facts, DateTimeOffset now) => MonitorRules.Evaluate(monitor, facts, now).State;

    [Theory]
    [InlineData(0, MonitorState.Up)]
    [InlineData(60, MonitorState.Up)]
    [InlineData(61, MonitorState.Late)]
    [InlineData(70, MonitorState.Late)]
    [InlineData(71, MonitorState.Down)]
    public void Period_UpThenLateThenDown(int minutesAfterPing, MonitorState expected) =>
        Assert.Equal(expected, State(Hourly, new MonitorFacts(T0, null, T0, null), T0.AddMinutes(minutesAfterPing)));

    [Fact]
    public void NeverPinged_IsNew_AndAPingAfterDownIsUpAgain()
    {
        Assert.Equal(MonitorState.New, State(Hourly, new MonitorFacts(T0, null, null, null), T0.AddDays(3)));
        Assert.Equal(MonitorState.Up, State(Hourly, new MonitorFacts(T0, null, T0.AddHours(5), null), T0.AddHours(5)));
    }

    [Fact]
    public void AFailure_IsDownAtOnce_UntilASuccessOrAStartComesAfterIt()
    {
        Assert.Equal(MonitorState.Down, State(Hourly, new MonitorFacts(T0, null, T0, T0.AddMinutes(1)), T0.AddMinutes(2)));
        Assert.Equal(MonitorState.Up, State(Hourly, new MonitorFacts(T0, null, T0.AddMinutes(3), T0.AddMinutes(1)), T0.AddMinutes(4)));
        Assert.Equal(MonitorState.Up, State(Hourly, new MonitorFacts(T0, T0.AddMinutes(3), T0, T0.AddMinutes(1)), T0.AddMinutes(4)));
    }

    [Fact]
    public void AStartWithoutAnEndWithinGrace_IsDown()
    {
        var running = new MonitorFacts(T0, T0.AddMinutes(30), T0, null);

        Assert.Equal(MonitorState.Up, State(Hourly, running, T0.AddMinutes(40)));
        var down = MonitorRules.Evaluate(Hourly, running, T0.AddMinutes(41));
        Assert.Equal(MonitorState.Down, down.State);
        Assert.Contains("did not finish within grace", down.Reason);
    }

    [Fact]
    public void Cron_ExpectsTheNextFireAfterThePing_InTheMonitorsZone()
    {
        var nightly = Hourly with { Period = null, Schedule = new CronSpec("0 2 * * *"), TimeZone = "Europe/Paris", Grace = TimeSpan.FromMinutes(30) };
        var pinged = new DateTimeOffset(2026, 11, 23, 1, 5, 0, TimeSpan.Zero); // 02:05 in Paris

        var status = MonitorRules.Evaluate(nightly, new MonitorFacts(T0, null, pinged, null), pinged.AddHours(12));

        Assert.Equal(MonitorState.Up, status.State);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 1, 0, 0, TimeSpan.Zero), status.ExpectedAt);
        Assert.Equal(MonitorState.Late, State(nightly, new MonitorFacts(T0, null, pinged, null), new DateTimeOffset(2026, 11, 24, 1, 20, 0, TimeSpan.Zero)));
        Assert.Equal(MonitorState.Down, State(nightly, new MonitorFacts(T0, null, pinged, null), new DateTimeOffset(2026, 11, 24, 1, 31, 0, TimeSpan.Zero)));
    }
}
