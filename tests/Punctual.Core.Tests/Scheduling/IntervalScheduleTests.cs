using Punctual.Core.Scheduling;
using Punctual.Core.Tests.Support;

namespace Punctual.Core.Tests.Scheduling;

public sealed class IntervalScheduleTests
{
    private static readonly DateTimeOffset Anchor = Utc.At("2026-06-01T10:00:00Z");

    [Theory]
    // At and after the anchor: anchor + k·90min.
    [InlineData("2026-06-01T09:59:59.9999999Z", "2026-06-01T10:00:00Z")]
    [InlineData("2026-06-01T10:00:00Z", "2026-06-01T11:30:00Z")]
    [InlineData("2026-06-01T11:29:59.999Z", "2026-06-01T11:30:00Z")]
    [InlineData("2026-06-01T11:30:00Z", "2026-06-01T13:00:00Z")]
    [InlineData("2026-06-02T00:00:00Z", "2026-06-02T01:00:00Z")]
    // Before the anchor: anchor − k·90min.
    [InlineData("2026-06-01T09:00:00Z", "2026-06-01T10:00:00Z")]
    [InlineData("2026-06-01T08:29:59Z", "2026-06-01T08:30:00Z")]
    [InlineData("2026-06-01T08:30:00Z", "2026-06-01T10:00:00Z")]
    [InlineData("2026-05-31T00:00:00Z", "2026-05-31T01:00:00Z")]
    [InlineData("2026-05-30T23:30:00Z", "2026-05-31T01:00:00Z")]
    public void NextAfter_FiresAtAnchorPlusWholeIntervals_BeforeAndAfterTheAnchor(string after, string expected)
    {
        var schedule = new EverySpec(TimeSpan.FromMinutes(90), Anchor).Bind(TimeZoneInfo.Utc, Utc.At("2020-01-01T00:00:00Z"));

        Assert.Equal(Utc.At(expected), schedule.NextAfter(Utc.At(after)));
    }

    [Fact]
    public void NextAfter_WithAnIntervalThatDoesNotDivideTheGap_UsesExactArithmetic()
    {
        var schedule = new IntervalSchedule(TimeSpan.FromSeconds(7), Utc.At("2026-01-01T00:00:00Z"));

        Assert.Equal(Utc.At("2026-01-01T00:01:03Z"), schedule.NextAfter(Utc.At("2026-01-01T00:01:00Z")));
        Assert.Equal(Utc.At("2025-12-31T23:58:57Z"), schedule.NextAfter(Utc.At("2025-12-31T23:58:55Z")));
    }

    [Fact]
    public void NextAfter_YearsAfterTheAnchor_StaysOnTheGrid()
    {
        var schedule = new IntervalSchedule(TimeSpan.FromSeconds(1), Utc.At("2000-01-01T00:00:00Z"));

        Assert.Equal(Utc.At("2026-06-01T12:00:01Z"), schedule.NextAfter(Utc.At("2026-06-01T12:00:00.5Z")));
    }

    [Fact]
    public void Bind_WithoutExplicitAnchor_AnchorsAtTheJobsCreation()
    {
        var createdAt = Utc.At("2026-06-01T10:07:00Z");

        var schedule = new EverySpec(TimeSpan.FromHours(1), null).Bind(TimeZoneInfo.Utc, createdAt);

        Assert.Equal(Utc.At("2026-06-01T11:07:00Z"), schedule.NextAfter(createdAt));
    }

    [Fact]
    public void Bind_WithExplicitAnchor_IgnoresTheCreationTime()
    {
        var schedule = new EverySpec(TimeSpan.FromHours(1), Utc.At("2026-06-01T00:15:00Z"))
            .Bind(TimeZoneInfo.Utc, Utc.At("2026-06-01T10:07:00Z"));

        Assert.Equal(Utc.At("2026-06-01T10:15:00Z"), schedule.NextAfter(Utc.At("2026-06-01T10:07:00Z")));
    }

    [Fact]
    public void NextAfter_AcrossALeapDay_CountsThe29thAsADay()
    {
        var schedule = new IntervalSchedule(TimeSpan.FromDays(1), Utc.At("2028-02-27T12:00:00Z"));

        var fires = schedule.Upcoming(Utc.At("2028-02-27T12:00:00Z"), 3).ToList();

        Assert.Equal([Utc.At("2028-02-28T12:00:00Z"), Utc.At("2028-02-29T12:00:00Z"), Utc.At("2028-03-01T12:00:00Z")], fires);
    }

    [Theory]
    [InlineData("2028-02-25T00:00:00Z", "2028-03-03T00:00:00Z")] // 25 Feb + 7 days in a 29-day February
    [InlineData("2028-02-10T00:00:00Z", "2028-02-11T00:00:00Z")]
    [InlineData("2027-02-25T12:00:00Z", "2027-02-26T00:00:00Z")] // 52 weeks before the anchor (the leap day lies between)
    [InlineData("2027-02-26T00:00:00Z", "2027-03-05T00:00:00Z")]
    public void NextAfter_WeeklyAcrossALeapDay_IsSevenAbsoluteDays(string after, string expected)
    {
        var schedule = new IntervalSchedule(TimeSpan.FromDays(7), Utc.At("2028-02-25T00:00:00Z"));

        Assert.Equal(Utc.At(expected), schedule.NextAfter(Utc.At(after)));
    }

    [Theory]
    [InlineData("Europe/Paris", "2026-10-24T23:30:00Z")]
    [InlineData("America/New_York", "2026-11-01T04:30:00Z")]
    [InlineData("Europe/Paris", "2026-03-28T23:30:00Z")]
    [InlineData("America/New_York", "2026-03-08T05:30:00Z")]
    public void NextAfter_AcrossADstTransition_KeepsAbsoluteHours(string zone, string anchor)
    {
        var start = Utc.At(anchor);
        var schedule = new EverySpec(TimeSpan.FromHours(1), start).Bind(Utc.Zone(zone), start);

        var fires = schedule.Upcoming(start, 4).ToList();

        Assert.Equal([start.AddHours(1), start.AddHours(2), start.AddHours(3), start.AddHours(4)], fires);
    }

    [Fact]
    public void Constructor_RejectsIntervalsShorterThanOneSecond() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new IntervalSchedule(TimeSpan.FromMilliseconds(999), Anchor));
}
