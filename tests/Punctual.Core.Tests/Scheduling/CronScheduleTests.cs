using Punctual.Core.Scheduling;
using Punctual.Core.Tests.Support;

namespace Punctual.Core.Tests.Scheduling;

public sealed class CronScheduleTests
{
    private static DateTimeOffset? Next(string cron, string zone, string after) =>
        new CronSpec(cron).Bind(Utc.Zone(zone), Utc.At("2000-01-01T00:00:00Z")).NextAfter(Utc.At(after));

    [Theory]
    [InlineData("0 9 * * *", "2026-06-01T08:59:59Z", "2026-06-01T09:00:00Z")]
    [InlineData("0 9 * * *", "2026-06-01T09:00:00Z", "2026-06-02T09:00:00Z")]
    [InlineData("*/5 * * * *", "2026-06-01T09:02:00Z", "2026-06-01T09:05:00Z")]
    [InlineData("0 9 * * MON-FRI", "2026-06-05T10:00:00Z", "2026-06-08T09:00:00Z")]
    [InlineData("0 0 1 1 *", "2026-06-01T00:00:00Z", "2027-01-01T00:00:00Z")]
    [InlineData("15 14 1 * *", "2026-01-31T23:59:00Z", "2026-02-01T14:15:00Z")]
    public void NextAfter_WithFiveFields_HasMinutePrecision(string cron, string after, string expected) =>
        Assert.Equal(Utc.At(expected), Next(cron, "UTC", after));

    [Theory]
    [InlineData("30 0 9 * * *", "2026-06-01T00:00:00Z", "2026-06-01T09:00:30Z")]
    [InlineData("*/10 * * * * *", "2026-06-01T00:00:05Z", "2026-06-01T00:00:10Z")]
    [InlineData("*/10 * * * * *", "2026-06-01T00:00:50Z", "2026-06-01T00:01:00Z")]
    [InlineData("0 0 9 * * *", "2026-06-01T09:00:00Z", "2026-06-02T09:00:00Z")]
    public void NextAfter_WithSixFields_ReadsSecondsFirst(string cron, string after, string expected) =>
        Assert.Equal(Utc.At(expected), Next(cron, "UTC", after));

    [Theory]
    [InlineData("@daily", "UTC", "2026-06-01T12:00:00Z", "2026-06-02T00:00:00Z")]
    [InlineData("@midnight", "UTC", "2026-06-01T12:00:00Z", "2026-06-02T00:00:00Z")]
    [InlineData("@hourly", "UTC", "2026-06-01T12:30:00Z", "2026-06-01T13:00:00Z")]
    [InlineData("@weekly", "UTC", "2026-06-01T12:00:00Z", "2026-06-07T00:00:00Z")]
    [InlineData("@monthly", "UTC", "2026-06-01T12:00:00Z", "2026-07-01T00:00:00Z")]
    [InlineData("@yearly", "UTC", "2026-06-01T12:00:00Z", "2027-01-01T00:00:00Z")]
    [InlineData("@annually", "UTC", "2026-06-01T12:00:00Z", "2027-01-01T00:00:00Z")]
    [InlineData("@daily", "Europe/Paris", "2026-06-01T12:00:00Z", "2026-06-01T22:00:00Z")]
    [InlineData("@daily", "America/New_York", "2026-06-01T12:00:00Z", "2026-06-02T04:00:00Z")]
    [InlineData("@hourly", "America/New_York", "2026-06-01T12:30:00Z", "2026-06-01T13:00:00Z")]
    public void NextAfter_WithMacro_FiresAtTheMacrosTime(string cron, string zone, string after, string expected) =>
        Assert.Equal(Utc.At(expected), Next(cron, zone, after));

    [Theory]
    // L: last day of the month, leap years included.
    [InlineData("0 9 L * *", "2026-02-01T00:00:00Z", "2026-02-28T09:00:00Z")]
    [InlineData("0 9 L * *", "2028-02-01T00:00:00Z", "2028-02-29T09:00:00Z")]
    [InlineData("0 9 L * *", "2026-04-01T00:00:00Z", "2026-04-30T09:00:00Z")]
    [InlineData("0 9 L * *", "2026-04-30T09:00:00Z", "2026-05-31T09:00:00Z")]
    // nW: the weekday nearest the n-th, never leaving the month.
    [InlineData("0 9 15W * *", "2026-08-01T00:00:00Z", "2026-08-14T09:00:00Z")] // 15th is a Saturday → Friday
    [InlineData("0 9 15W * *", "2026-03-01T00:00:00Z", "2026-03-16T09:00:00Z")] // 15th is a Sunday → Monday
    [InlineData("0 9 15W * *", "2026-06-01T00:00:00Z", "2026-06-15T09:00:00Z")] // 15th is a Monday
    [InlineData("0 9 1W * *", "2026-08-01T00:00:00Z", "2026-08-03T09:00:00Z")]  // 1st is a Saturday → Monday 3rd, not July 31st
    [InlineData("0 9 1W * *", "2026-11-01T00:00:00Z", "2026-11-02T09:00:00Z")]  // 1st is a Sunday → Monday
    // LW: the last weekday of the month.
    [InlineData("0 9 LW * *", "2026-05-01T00:00:00Z", "2026-05-29T09:00:00Z")] // 31st is a Sunday
    [InlineData("0 9 LW * *", "2026-02-01T00:00:00Z", "2026-02-27T09:00:00Z")] // 28th is a Saturday
    [InlineData("0 9 LW * *", "2026-10-01T00:00:00Z", "2026-10-30T09:00:00Z")] // 31st is a Saturday
    [InlineData("0 9 LW * *", "2026-03-01T00:00:00Z", "2026-03-31T09:00:00Z")] // 31st is a Tuesday
    // d#n: the n-th given weekday of the month.
    [InlineData("0 9 * * MON#2", "2026-06-01T00:00:00Z", "2026-06-08T09:00:00Z")]
    [InlineData("0 9 * * MON#2", "2026-06-08T09:00:00Z", "2026-07-13T09:00:00Z")]
    [InlineData("0 9 * * MON#2", "2026-02-01T00:00:00Z", "2026-02-09T09:00:00Z")]
    [InlineData("0 9 * * 1#1", "2026-06-01T09:00:00Z", "2026-07-06T09:00:00Z")]
    // dL: the last given weekday of the month.
    [InlineData("0 9 * * 5L", "2026-06-01T00:00:00Z", "2026-06-26T09:00:00Z")]
    [InlineData("0 9 * * FRIL", "2026-10-01T00:00:00Z", "2026-10-30T09:00:00Z")]
    public void NextAfter_WithCalendarForms_FindsTheRightDay(string cron, string after, string expected) =>
        Assert.Equal(Utc.At(expected), Next(cron, "UTC", after));

    [Theory]
    [InlineData("2027-01-01T00:00:00Z", "2028-02-29T00:00:00Z")]
    [InlineData("2026-03-01T00:00:00Z", "2028-02-29T00:00:00Z")]
    [InlineData("2028-02-29T00:00:00Z", "2032-02-29T00:00:00Z")]
    public void NextAfter_OnTheLeapDay_WaitsForTheNextLeapYear(string after, string expected) =>
        Assert.Equal(Utc.At(expected), Next("0 0 29 2 *", "UTC", after));

    [Fact]
    public void NextAfter_ForAnImpossibleDate_IsNull() =>
        Assert.Null(Next("0 0 30 2 *", "UTC", "2026-01-01T00:00:00Z"));

    [Fact]
    public void Upcoming_ListsConsecutiveFiresStrictlyAfterTheStart()
    {
        var schedule = new CronSpec("0 9 * * *").Bind(TimeZoneInfo.Utc, Utc.At("2026-01-01T00:00:00Z"));

        var fires = schedule.Upcoming(Utc.At("2026-06-01T09:00:00Z"), 3).ToList();

        Assert.Equal([Utc.At("2026-06-02T09:00:00Z"), Utc.At("2026-06-03T09:00:00Z"), Utc.At("2026-06-04T09:00:00Z")], fires);
    }

    [Fact]
    public void NextFrom_IncludesAFireAtTheStartInstant()
    {
        var schedule = new CronSpec("0 9 * * *").Bind(TimeZoneInfo.Utc, Utc.At("2026-01-01T00:00:00Z"));

        Assert.Equal(Utc.At("2026-06-01T09:00:00Z"), schedule.NextFrom(Utc.At("2026-06-01T09:00:00Z")));
        Assert.Equal(Utc.At("2026-06-02T09:00:00Z"), schedule.NextFrom(Utc.At("2026-06-01T09:00:00.001Z")));
    }

    [Fact]
    public void NextAfter_GivenAnInstantWithAnOffset_ReturnsUtc()
    {
        var schedule = new CronSpec("0 9 * * *").Bind(Utc.Zone("Europe/Paris"), Utc.At("2026-01-01T00:00:00Z"));

        var next = schedule.NextAfter(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.FromHours(2)));

        Assert.Equal(TimeSpan.Zero, next!.Value.Offset);
        Assert.Equal(Utc.At("2026-06-02T07:00:00Z"), next);
    }
}
