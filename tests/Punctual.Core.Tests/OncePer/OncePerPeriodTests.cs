using CsCheck;
using Punctual.Core.OncePer;
using Punctual.Core.Tests.Support;

namespace Punctual.Core.Tests.OncePer;

public sealed class OncePerPeriodTests
{
    private static OncePerPeriod Parse(string text)
    {
        Assert.True(OncePerPeriod.TryParse(text, out var period, out var error), error);
        return period;
    }

    private static void AssertPeriod(string unit, string zone, string instant, string label, string start, string end)
    {
        var period = Parse(unit).PeriodOf(Utc.At(instant), Utc.Zone(zone));

        Assert.Equal(new Period(label, Utc.At(start), Utc.At(end)), period);
    }

    [Theory]
    //          zone                 instant (UTC)           label         start (UTC)             end (UTC)
    [InlineData("UTC", "2026-06-15T00:00:00Z", "2026-06-15", "2026-06-15T00:00:00Z", "2026-06-16T00:00:00Z")]
    [InlineData("UTC", "2026-06-15T23:59:59.999Z", "2026-06-15", "2026-06-15T00:00:00Z", "2026-06-16T00:00:00Z")]
    [InlineData("Europe/Paris", "2026-06-15T10:00:00Z", "2026-06-15", "2026-06-14T22:00:00Z", "2026-06-15T22:00:00Z")]
    [InlineData("Europe/Paris", "2026-06-14T22:30:00Z", "2026-06-15", "2026-06-14T22:00:00Z", "2026-06-15T22:00:00Z")]
    [InlineData("Europe/Paris", "2026-06-14T21:59:59Z", "2026-06-14", "2026-06-13T22:00:00Z", "2026-06-14T22:00:00Z")]
    // Paris spring forward: a 23-hour day.
    [InlineData("Europe/Paris", "2026-03-29T12:00:00Z", "2026-03-29", "2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z")]
    // Paris fall back: a 25-hour day, the repeated hour included.
    [InlineData("Europe/Paris", "2026-10-25T12:00:00Z", "2026-10-25", "2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z")]
    [InlineData("Europe/Paris", "2026-10-25T01:30:00Z", "2026-10-25", "2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z")]
    // New York spring forward (23 h) and fall back (25 h).
    [InlineData("America/New_York", "2026-03-08T12:00:00Z", "2026-03-08", "2026-03-08T05:00:00Z", "2026-03-09T04:00:00Z")]
    [InlineData("America/New_York", "2026-11-01T12:00:00Z", "2026-11-01", "2026-11-01T04:00:00Z", "2026-11-02T05:00:00Z")]
    [InlineData("America/New_York", "2026-11-01T05:30:00Z", "2026-11-01", "2026-11-01T04:00:00Z", "2026-11-02T05:00:00Z")]
    [InlineData("America/New_York", "2026-11-01T06:30:00Z", "2026-11-01", "2026-11-01T04:00:00Z", "2026-11-02T05:00:00Z")]
    [InlineData("America/New_York", "2026-11-01T03:59:59Z", "2026-10-31", "2026-10-31T04:00:00Z", "2026-11-01T04:00:00Z")]
    // São Paulo 2018-11-04: midnight did not exist (00:00 → 01:00); the day starts at the transition.
    [InlineData("America/Sao_Paulo", "2018-11-04T12:00:00Z", "2018-11-04", "2018-11-04T03:00:00Z", "2018-11-05T02:00:00Z")]
    // Havana 2026-11-01: midnight happens twice (01:00 → 00:00); the day starts at the first.
    [InlineData("America/Havana", "2026-11-01T05:30:00Z", "2026-11-01", "2026-11-01T04:00:00Z", "2026-11-02T05:00:00Z")]
    public void Day_IsTheLocalCalendarDay_WithUtcBounds(string zone, string instant, string label, string start, string end) =>
        AssertPeriod("day", zone, instant, label, start, end);

    [Theory]
    // ISO weeks start on Monday; 2026 has 53 weeks (January 1st is a Thursday).
    [InlineData("UTC", "2026-01-01T00:00:00Z", "2026-W01", "2025-12-29T00:00:00Z", "2026-01-05T00:00:00Z")]
    [InlineData("UTC", "2024-12-30T12:00:00Z", "2025-W01", "2024-12-30T00:00:00Z", "2025-01-06T00:00:00Z")]
    [InlineData("UTC", "2026-06-14T23:59:59Z", "2026-W24", "2026-06-08T00:00:00Z", "2026-06-15T00:00:00Z")]
    [InlineData("UTC", "2026-06-15T00:00:00Z", "2026-W25", "2026-06-15T00:00:00Z", "2026-06-22T00:00:00Z")]
    [InlineData("Europe/Paris", "2026-12-31T12:00:00Z", "2026-W53", "2026-12-27T23:00:00Z", "2027-01-03T23:00:00Z")]
    [InlineData("Europe/Paris", "2027-01-01T12:00:00Z", "2026-W53", "2026-12-27T23:00:00Z", "2027-01-03T23:00:00Z")]
    [InlineData("Europe/Paris", "2027-01-03T22:59:59Z", "2026-W53", "2026-12-27T23:00:00Z", "2027-01-03T23:00:00Z")]
    [InlineData("Europe/Paris", "2027-01-03T23:00:00Z", "2027-W01", "2027-01-03T23:00:00Z", "2027-01-10T23:00:00Z")]
    // Weeks holding a DST change are an hour shorter or longer.
    [InlineData("Europe/Paris", "2026-03-29T12:00:00Z", "2026-W13", "2026-03-22T23:00:00Z", "2026-03-29T22:00:00Z")]
    [InlineData("America/New_York", "2026-11-01T12:00:00Z", "2026-W44", "2026-10-26T04:00:00Z", "2026-11-02T05:00:00Z")]
    [InlineData("America/New_York", "2026-03-08T12:00:00Z", "2026-W10", "2026-03-02T05:00:00Z", "2026-03-09T04:00:00Z")]
    public void Week_IsTheLocalIsoWeek_WithUtcBounds(string zone, string instant, string label, string start, string end) =>
        AssertPeriod("week", zone, instant, label, start, end);

    [Theory]
    [InlineData("UTC", "2028-02-29T23:59:59Z", "2028-02", "2028-02-01T00:00:00Z", "2028-03-01T00:00:00Z")]
    [InlineData("Europe/Paris", "2026-03-15T12:00:00Z", "2026-03", "2026-02-28T23:00:00Z", "2026-03-31T22:00:00Z")]
    [InlineData("Europe/Paris", "2026-10-15T12:00:00Z", "2026-10", "2026-09-30T22:00:00Z", "2026-10-31T23:00:00Z")]
    [InlineData("Europe/Paris", "2026-12-31T23:30:00Z", "2027-01", "2026-12-31T23:00:00Z", "2027-01-31T23:00:00Z")]
    [InlineData("Europe/Paris", "2026-05-31T22:30:00Z", "2026-06", "2026-05-31T22:00:00Z", "2026-06-30T22:00:00Z")]
    [InlineData("America/New_York", "2026-03-15T12:00:00Z", "2026-03", "2026-03-01T05:00:00Z", "2026-04-01T04:00:00Z")]
    [InlineData("America/New_York", "2026-11-15T12:00:00Z", "2026-11", "2026-11-01T04:00:00Z", "2026-12-01T05:00:00Z")]
    [InlineData("America/New_York", "2026-12-01T04:59:59Z", "2026-11", "2026-11-01T04:00:00Z", "2026-12-01T05:00:00Z")]
    public void Month_IsTheLocalCalendarMonth_WithUtcBounds(string zone, string instant, string label, string start, string end) =>
        AssertPeriod("month", zone, instant, label, start, end);

    [Theory]
    [InlineData("6h", "UTC", "2026-06-15T13:00:00Z", "2026-06-15T12:00:00Z", "2026-06-15T18:00:00Z")]
    [InlineData("6h", "UTC", "2026-06-15T12:00:00Z", "2026-06-15T12:00:00Z", "2026-06-15T18:00:00Z")]
    [InlineData("6h", "UTC", "2026-06-15T11:59:59.999Z", "2026-06-15T06:00:00Z", "2026-06-15T12:00:00Z")]
    // Windows count from 1970-01-01T00:00 at the zone's standard offset: 00/06/12/18 CET = 23/05/11/17 UTC, all year round.
    [InlineData("6h", "Europe/Paris", "2026-06-15T13:00:00Z", "2026-06-15T11:00:00Z", "2026-06-15T17:00:00Z")]
    [InlineData("6h", "Europe/Paris", "2026-01-15T13:00:00Z", "2026-01-15T11:00:00Z", "2026-01-15T17:00:00Z")]
    [InlineData("6h", "America/New_York", "2026-11-01T06:30:00Z", "2026-11-01T05:00:00Z", "2026-11-01T11:00:00Z")]
    [InlineData("90m", "UTC", "2026-06-15T13:00:00Z", "2026-06-15T12:00:00Z", "2026-06-15T13:30:00Z")]
    [InlineData("1d", "UTC", "2026-06-15T13:00:00Z", "2026-06-15T00:00:00Z", "2026-06-16T00:00:00Z")]
    [InlineData("1w", "UTC", "2026-06-15T13:00:00Z", "2026-06-11T00:00:00Z", "2026-06-18T00:00:00Z")] // 1970-01-01 was a Thursday
    // Before 1970 the windows continue backwards.
    [InlineData("6h", "UTC", "1969-12-31T23:00:00Z", "1969-12-31T18:00:00Z", "1970-01-01T00:00:00Z")]
    public void Duration_IsAFixedWindow_LabelledByItsUtcStart(string unit, string zone, string instant, string start, string end) =>
        AssertPeriod(unit, zone, instant, Utc.At(start).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), start, end);

    [Theory]
    [InlineData("day", "day")]
    [InlineData("week", "week")]
    [InlineData("month", "month")]
    [InlineData("6h", "6h")]
    [InlineData("90m", "1h30m")]
    [InlineData("1s", "1s")]
    [InlineData("2w", "2w")]
    public void TryParse_AcceptsCalendarUnitsAndDurations(string text, string canonical) =>
        Assert.Equal(canonical, Parse(text).ToText());

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Day")]
    [InlineData("year")]
    [InlineData("quarter")]
    [InlineData("500ms")]
    [InlineData("0s")]
    [InlineData("6")]
    [InlineData("-1h")]
    public void TryParse_RejectsOtherText_ListingTheChoices(string? text)
    {
        Assert.False(OncePerPeriod.TryParse(text, out _, out var error));
        Assert.Contains("use day, week, month or a duration", error, StringComparison.Ordinal);
    }

    [Fact]
    public void PeriodOf_ContainsTheInstant_AndPeriodsTile()
    {
        var units = Gen.OneOf("day", "week", "month", "6h", "90m", "1d", "7s");
        var zones = Gen.OneOf("UTC", "Europe/Paris", "America/New_York", "America/Sao_Paulo", "America/Havana");
        var instants = Gen.Long[0, 40L * 365 * 86_400].Select(s => Utc.At("2000-01-01T00:00:00Z").AddSeconds(s));

        Gen.Select(units, zones, instants).Sample((unit, zoneId, instant) =>
        {
            var period = Parse(unit);
            var zone = Utc.Zone(zoneId);
            var p = period.PeriodOf(instant, zone);

            Assert.True(p.Start <= instant && instant < p.End, $"{instant:O} outside {p}");
            Assert.Equal(p, period.PeriodOf(p.Start, zone));
            Assert.Equal(p, period.PeriodOf(p.End.AddTicks(-1), zone));
            var next = period.PeriodOf(p.End, zone);
            Assert.Equal(p.End, next.Start);
            Assert.NotEqual(p.Label, next.Label);
        }, iter: 3_000);
    }
}
