using CsCheck;
using Punctual.Core.Scheduling;
using Punctual.Core.Tests.Support;

namespace Punctual.Core.Tests.Scheduling;

public sealed class SchedulePropertyTests
{
    private static readonly DateTimeOffset Base = Utc.At("2026-01-01T00:00:00Z");

    /// <summary>Seconds across 2026 and 2027, so every DST transition of both years is sampled.</summary>
    private static readonly Gen<DateTimeOffset> Instant2026And2027 =
        Gen.Long[0, 2L * 365 * 86_400].Select(s => Base.AddSeconds(s));

    private static readonly Gen<string> Zones = Gen.OneOf("UTC", "Europe/Paris", "America/New_York");

    [Fact]
    public void IntervalNextAfter_IsTheFirstGridPointStrictlyAfter()
    {
        var gen = Gen.Select(Gen.Long[1, 30L * 86_400], Gen.Long[-1_000_000_000L, 1_000_000_000L], Gen.Long[-1_000_000_000L, 1_000_000_000L]);

        gen.Sample((intervalSeconds, anchorSeconds, afterMillis) =>
        {
            var interval = TimeSpan.FromSeconds(intervalSeconds);
            var anchor = Base.AddSeconds(anchorSeconds);
            var after = Base.AddMilliseconds(afterMillis * 1_000.0 / 7);
            var next = new IntervalSchedule(interval, anchor).NextAfter(after)!.Value;

            Assert.True(next > after);
            Assert.True(next - after <= interval);
            Assert.Equal(0, (next - anchor).Ticks % interval.Ticks);
        }, iter: 2_000);
    }

    [Fact]
    public void CronNextAfter_IsStrictlyLaterAndConsistent()
    {
        var expressions = Gen.OneOf("0 9 * * *", "*/15 * * * *", "30 2 * * *", "0 9 L * *", "0 9 * * MON#2", "@daily", "*/10 * * * * *");

        Gen.Select(expressions, Zones, Instant2026And2027).Sample((cron, zone, after) =>
        {
            var schedule = new CronSpec(cron).Bind(Utc.Zone(zone), Base);
            var next = schedule.NextAfter(after)!.Value;

            Assert.True(next > after);
            Assert.Equal(TimeSpan.Zero, next.Offset);
            // No fire lies between 'after' and 'next': asking from just before 'next' finds 'next' again.
            Assert.Equal(next, schedule.NextAfter(next.AddTicks(-1)));
            Assert.Equal(next, schedule.NextAfter(after.AddTicks(((next - after).Ticks - 1) / 2)));
        }, iter: 1_000);
    }

    [Fact]
    public void QuarterHourCron_InAnyZone_NeverLeavesAGapLongerThanFifteenMinutes()
    {
        Gen.Select(Zones, Instant2026And2027).Sample((zone, after) =>
        {
            var next = new CronSpec("*/15 * * * *").Bind(Utc.Zone(zone), Base).NextAfter(after)!.Value;

            Assert.True(next - after <= TimeSpan.FromMinutes(15));
            Assert.Equal(0, next.UtcTicks % TimeSpan.FromMinutes(15).Ticks);
        }, iter: 2_000);
    }

    [Fact]
    public void FixedDailyCron_InADstZone_FiresOncePerLocalDay()
    {
        Gen.Select(Gen.OneOf("Europe/Paris", "America/New_York"), Instant2026And2027).Sample((zoneId, after) =>
        {
            var zone = Utc.Zone(zoneId);
            var fires = new CronSpec("30 2 * * *").Bind(zone, Base).Upcoming(after, 3).ToList();

            for (var i = 1; i < fires.Count; i++)
            {
                var previousDay = TimeZoneInfo.ConvertTime(fires[i - 1], zone).Date;
                var day = TimeZoneInfo.ConvertTime(fires[i], zone).Date;
                Assert.Equal(previousDay.AddDays(1), day);
                Assert.InRange(fires[i] - fires[i - 1], TimeSpan.FromHours(23), TimeSpan.FromHours(25));
            }
        }, iter: 1_000);
    }
}
