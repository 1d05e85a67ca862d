using Punctual.Core.Scheduling;
using Punctual.Core.Tests.Support;

namespace Punctual.Core.Tests.Scheduling;

/// <summary>
/// Cron across DST transitions. Reference transitions (UTC): Europe/Paris springs forward 2026-03-29T01:00Z
/// (02:00 CET → 03:00 CEST) and falls back 2026-10-25T01:00Z (03:00 CEST → 02:00 CET); America/New_York springs
/// forward 2026-03-08T07:00Z (02:00 EST → 03:00 EDT) and falls back 2026-11-01T06:00Z (02:00 EDT → 01:00 EST).
/// </summary>
public sealed class CronDaylightSavingTests
{
    private static Schedule Cron(string cron, string zone) =>
        new CronSpec(cron).Bind(Utc.Zone(zone), Utc.At("2000-01-01T00:00:00Z"));

    [Theory]
    // Paris: 02:30 does not exist on 2026-03-29; it fires once, at the transition (03:00 CEST).
    [InlineData("30 2 * * *", "Europe/Paris", "2026-03-28T12:00:00Z", "2026-03-29T01:00:00Z")]
    [InlineData("30 2 * * *", "Europe/Paris", "2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z")]
    [InlineData("0 2 * * *", "Europe/Paris", "2026-03-28T12:00:00Z", "2026-03-29T01:00:00Z")]
    [InlineData("0 30 2 * * *", "Europe/Paris", "2026-03-28T12:00:00Z", "2026-03-29T01:00:00Z")]
    [InlineData("59 2 * * *", "Europe/Paris", "2026-03-28T12:00:00Z", "2026-03-29T01:00:00Z")]
    // The day before and the time just outside the gap are unaffected.
    [InlineData("30 2 * * *", "Europe/Paris", "2026-03-27T12:00:00Z", "2026-03-28T01:30:00Z")]
    [InlineData("30 1 * * *", "Europe/Paris", "2026-03-28T12:00:00Z", "2026-03-29T00:30:00Z")]
    [InlineData("30 3 * * *", "Europe/Paris", "2026-03-28T12:00:00Z", "2026-03-29T01:30:00Z")]
    // New York: 02:30 does not exist on 2026-03-08.
    [InlineData("30 2 * * *", "America/New_York", "2026-03-07T12:00:00Z", "2026-03-08T07:00:00Z")]
    [InlineData("30 2 * * *", "America/New_York", "2026-03-08T07:00:00Z", "2026-03-09T06:30:00Z")]
    [InlineData("0 2 * * *", "America/New_York", "2026-03-07T12:00:00Z", "2026-03-08T07:00:00Z")]
    [InlineData("30 2 * * *", "America/New_York", "2026-03-06T12:00:00Z", "2026-03-07T07:30:00Z")]
    public void NextFire_WhenLocalTimeIsSkipped_FiresAtTransition(string cron, string zone, string after, string expected) =>
        Assert.Equal(Utc.At(expected), Cron(cron, zone).NextAfter(Utc.At(after)));

    [Theory]
    // Paris: 02:30 happens twice on 2026-10-25 (00:30Z in CEST, 01:30Z in CET); it fires once, at the first.
    [InlineData("30 2 * * *", "Europe/Paris", "2026-10-24T12:00:00Z", "2026-10-25T00:30:00Z")]
    [InlineData("30 2 * * *", "Europe/Paris", "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z")]
    [InlineData("0 2 * * *", "Europe/Paris", "2026-10-24T12:00:00Z", "2026-10-25T00:00:00Z")]
    [InlineData("0 2 * * *", "Europe/Paris", "2026-10-25T00:00:00Z", "2026-10-26T01:00:00Z")]
    [InlineData("0 3 * * *", "Europe/Paris", "2026-10-24T12:00:00Z", "2026-10-25T02:00:00Z")]
    // New York: 01:30 happens twice on 2026-11-01 (05:30Z in EDT, 06:30Z in EST).
    [InlineData("30 1 * * *", "America/New_York", "2026-10-31T12:00:00Z", "2026-11-01T05:30:00Z")]
    [InlineData("30 1 * * *", "America/New_York", "2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z")]
    [InlineData("0 1 * * *", "America/New_York", "2026-11-01T05:00:00Z", "2026-11-02T06:00:00Z")]
    // 02:00 New York time exists once on 2026-11-01 (in EST).
    [InlineData("0 2 * * *", "America/New_York", "2026-10-31T12:00:00Z", "2026-11-01T07:00:00Z")]
    public void NextFire_WhenFixedLocalTimeIsRepeated_FiresOnce(string cron, string zone, string after, string expected) =>
        Assert.Equal(Utc.At(expected), Cron(cron, zone).NextAfter(Utc.At(after)));

    public static TheoryData<string, string, string, string[]> IntervalThroughTransition => new()
    {
        {
            "*/15 * * * *", "Europe/Paris", "2026-10-24T23:50:00Z",
            ["2026-10-25T00:00:00Z", "2026-10-25T00:15:00Z", "2026-10-25T00:30:00Z", "2026-10-25T00:45:00Z",
             "2026-10-25T01:00:00Z", "2026-10-25T01:15:00Z", "2026-10-25T01:30:00Z", "2026-10-25T01:45:00Z",
             "2026-10-25T02:00:00Z"]
        },
        {
            "0 * * * *", "Europe/Paris", "2026-10-24T22:30:00Z",
            ["2026-10-24T23:00:00Z", "2026-10-25T00:00:00Z", "2026-10-25T01:00:00Z", "2026-10-25T02:00:00Z"]
        },
        {
            "*/15 * * * *", "America/New_York", "2026-11-01T04:50:00Z",
            ["2026-11-01T05:00:00Z", "2026-11-01T05:15:00Z", "2026-11-01T05:30:00Z", "2026-11-01T05:45:00Z",
             "2026-11-01T06:00:00Z", "2026-11-01T06:15:00Z", "2026-11-01T06:30:00Z", "2026-11-01T06:45:00Z",
             "2026-11-01T07:00:00Z"]
        },
        {
            "0 * * * *", "America/New_York", "2026-11-01T03:30:00Z",
            ["2026-11-01T04:00:00Z", "2026-11-01T05:00:00Z", "2026-11-01T06:00:00Z", "2026-11-01T07:00:00Z"]
        },
        {
            "0 */30 * * * *", "America/New_York", "2026-11-01T05:10:00Z",
            ["2026-11-01T05:30:00Z", "2026-11-01T06:00:00Z", "2026-11-01T06:30:00Z", "2026-11-01T07:00:00Z"]
        },
    };

    [Theory]
    [MemberData(nameof(IntervalThroughTransition))]
    public void NextFire_WhenIntervalLikeExpressionCrossesRepeatedHour_KeepsItsInterval(string cron, string zone, string after, string[] expected)
    {
        var fires = Cron(cron, zone).Upcoming(Utc.At(after), expected.Length).ToList();

        Assert.Equal(expected.Select(Utc.At), fires);
    }

    public static TheoryData<string, string, string, string[]> IntervalThroughGap => new()
    {
        {
            "*/15 * * * *", "Europe/Paris", "2026-03-29T00:20:00Z",
            ["2026-03-29T00:30:00Z", "2026-03-29T00:45:00Z", "2026-03-29T01:00:00Z", "2026-03-29T01:15:00Z"]
        },
        {
            "0 * * * *", "Europe/Paris", "2026-03-28T23:30:00Z",
            ["2026-03-29T00:00:00Z", "2026-03-29T01:00:00Z", "2026-03-29T02:00:00Z"]
        },
        {
            "*/15 * * * *", "America/New_York", "2026-03-08T06:20:00Z",
            ["2026-03-08T06:30:00Z", "2026-03-08T06:45:00Z", "2026-03-08T07:00:00Z", "2026-03-08T07:15:00Z"]
        },
        {
            "0 * * * *", "America/New_York", "2026-03-08T05:30:00Z",
            ["2026-03-08T06:00:00Z", "2026-03-08T07:00:00Z", "2026-03-08T08:00:00Z"]
        },
    };

    [Theory]
    [MemberData(nameof(IntervalThroughGap))]
    public void NextFire_WhenIntervalLikeExpressionCrossesSkippedHour_FiresOncePerRealInterval(string cron, string zone, string after, string[] expected)
    {
        var fires = Cron(cron, zone).Upcoming(Utc.At(after), expected.Length).ToList();

        Assert.Equal(expected.Select(Utc.At), fires);
    }

    [Theory]
    [InlineData("Europe/Paris", "2026-03-28T23:00:00Z", 23)]
    [InlineData("Europe/Paris", "2026-10-24T22:00:00Z", 25)]
    [InlineData("America/New_York", "2026-03-08T05:00:00Z", 23)]
    [InlineData("America/New_York", "2026-11-01T04:00:00Z", 25)]
    public void HourlyCron_OverADstDay_FiresOncePerRealHour(string zone, string localMidnightUtc, int hoursInDay)
    {
        var midnight = Utc.At(localMidnightUtc);

        var fires = Cron("0 * * * *", zone).Upcoming(midnight.AddTicks(-1), hoursInDay + 1).ToList();

        Assert.Equal(Enumerable.Range(0, hoursInDay + 1).Select(h => midnight.AddHours(h)), fires);
    }
}
