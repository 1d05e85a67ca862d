using System.Globalization;
using Punctual.Core.Time;

namespace Punctual.Core.OncePer;

/// <summary>One period of a once-per rule: a label (sent as <c>Punctual-Period</c>) and its UTC bounds [Start, End).</summary>
public sealed record Period(string Label, DateTimeOffset Start, DateTimeOffset End);

/// <summary>
/// "At most one succeeded run per period", periods taken in the job's time zone:
/// <c>day</c> (label 2026-11-23), <c>week</c> (ISO week, Monday first: 2026-W48), <c>month</c> (2026-11),
/// or a fixed duration (consecutive windows counted from 1970-01-01T00:00 at the zone's standard offset,
/// labelled by their UTC start).
/// </summary>
public abstract record OncePerPeriod
{
    public static readonly OncePerPeriod Day = new CalendarPeriod(CalendarUnit.Day);
    public static readonly OncePerPeriod Week = new CalendarPeriod(CalendarUnit.Week);
    public static readonly OncePerPeriod Month = new CalendarPeriod(CalendarUnit.Month);

    /// <summary>Shortest fixed-duration period accepted.</summary>
    public static readonly TimeSpan MinDuration = TimeSpan.FromSeconds(1);

    public abstract Period PeriodOf(DateTimeOffset instant, TimeZoneInfo zone);

    public abstract string ToText();

    public static bool TryParse(string? text, out OncePerPeriod period, out string error)
    {
        period = Day;
        error = "";
        switch (text)
        {
            case "day":
                return true;
            case "week":
                period = Week;
                return true;
            case "month":
                period = Month;
                return true;
        }

        if (Durations.TryParse(text, out var duration, out _) && duration >= MinDuration)
        {
            period = new DurationPeriod(duration);
            return true;
        }

        error = $"'{text}' is not a period; use day, week, month or a duration such as '6h'";
        return false;
    }
}

internal enum CalendarUnit
{
    Day,
    Week,
    Month,
}

internal sealed record CalendarPeriod(CalendarUnit Unit) : OncePerPeriod
{
    public override Period PeriodOf(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone).DateTime;
        DateTime startLocal;
        DateTime endLocal;
        string label;
        switch (Unit)
        {
            case CalendarUnit.Day:
                startLocal = local.Date;
                endLocal = startLocal.AddDays(1);
                label = startLocal.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                break;
            case CalendarUnit.Week:
                var daysSinceMonday = ((int)local.DayOfWeek + 6) % 7;
                startLocal = local.Date.AddDays(-daysSinceMonday);
                endLocal = startLocal.AddDays(7);
                label = string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(local):D4}-W{ISOWeek.GetWeekOfYear(local):D2}");
                break;
            default:
                startLocal = new DateTime(local.Year, local.Month, 1, 0, 0, 0, DateTimeKind.Unspecified);
                endLocal = startLocal.AddMonths(1);
                label = startLocal.ToString("yyyy-MM", CultureInfo.InvariantCulture);
                break;
        }

        return new Period(label, LocalMidnightToUtc(startLocal, zone), LocalMidnightToUtc(endLocal, zone));
    }

    public override string ToText() => Unit switch
    {
        CalendarUnit.Day => "day",
        CalendarUnit.Week => "week",
        _ => "month",
    };

    /// <summary>A local midnight can fall in a DST gap (some zones switch at 00:00); then the period starts at the transition.</summary>
    private static DateTimeOffset LocalMidnightToUtc(DateTime local, TimeZoneInfo zone)
    {
        var candidate = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(candidate))
        {
            candidate = candidate.AddMinutes(1);
        }

        var offset = zone.IsAmbiguousTime(candidate)
            ? zone.GetAmbiguousTimeOffsets(candidate).Max()
            : zone.GetUtcOffset(candidate);
        return new DateTimeOffset(candidate, offset).ToUniversalTime();
    }
}

internal sealed record DurationPeriod(TimeSpan Length) : OncePerPeriod
{
    public override Period PeriodOf(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var origin = new DateTimeOffset(1970, 1, 1, 0, 0, 0, TimeSpan.Zero) - zone.BaseUtcOffset;
        var index = Math.DivRem((instant.ToUniversalTime() - origin).Ticks, Length.Ticks, out var remainder);
        if (remainder < 0)
        {
            index--;
        }

        var start = origin + TimeSpan.FromTicks(index * Length.Ticks);
        return new Period(Instants.Format(start), start, start + Length);
    }

    public override string ToText() => Durations.Format(Length);
}
