using Punctual.Core.Scheduling;
using Punctual.Core.Tests.Support;

namespace Punctual.Core.Tests.Scheduling;

public sealed class OnceScheduleTests
{
    private static readonly DateTimeOffset At = Utc.At("2026-12-01T09:00:00Z");

    [Theory]
    [InlineData("2000-01-01T00:00:00Z", "2026-12-01T09:00:00Z")]
    [InlineData("2026-12-01T08:59:59.9999999Z", "2026-12-01T09:00:00Z")]
    [InlineData("2026-12-01T09:00:00Z", null)]
    [InlineData("2026-12-01T09:00:00.0000001Z", null)]
    [InlineData("2030-01-01T00:00:00Z", null)]
    public void NextAfter_FiresOnlyAtItsInstant(string after, string? expected) =>
        Assert.Equal(Utc.AtOrNull(expected), new AtSpec(At).Bind(TimeZoneInfo.Utc, default).NextAfter(Utc.At(after)));

    [Fact]
    public void NextFrom_TheInstantItself_IsTheFire() =>
        Assert.Equal(At, new OnceSchedule(At).NextFrom(At));

    [Fact]
    public void Upcoming_YieldsASingleFire() =>
        Assert.Equal([At], new OnceSchedule(At).Upcoming(Utc.At("2026-01-01T00:00:00Z"), 10));

    [Fact]
    public void Bind_IgnoresTheZone_BecauseTheInstantIsAbsolute()
    {
        var paris = new AtSpec(At).Bind(Utc.Zone("Europe/Paris"), default);
        var newYork = new AtSpec(At).Bind(Utc.Zone("America/New_York"), default);

        Assert.Equal(At, paris.NextAfter(Utc.At("2026-01-01T00:00:00Z")));
        Assert.Equal(At, newYork.NextAfter(Utc.At("2026-01-01T00:00:00Z")));
    }

    [Fact]
    public void NextAfter_GivenAnInstantWithAnOffset_ComparesInUtc()
    {
        var schedule = new OnceSchedule(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(1)));

        Assert.Equal(At, schedule.NextAfter(Utc.At("2026-12-01T08:00:00Z")));
        Assert.Equal(TimeSpan.Zero, schedule.NextAfter(Utc.At("2026-12-01T08:00:00Z"))!.Value.Offset);
    }
}
