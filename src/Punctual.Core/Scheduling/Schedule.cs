using Cronos;

namespace Punctual.Core.Scheduling;

/// <summary>A computable schedule. All instants in and out are UTC; the schedule never reads a clock.</summary>
public abstract class Schedule
{
    /// <summary>The first fire strictly after <paramref name="after"/>, or <c>null</c> when there is none.</summary>
    public abstract DateTimeOffset? NextAfter(DateTimeOffset after);

    /// <summary>The first fire at or after <paramref name="from"/>.</summary>
    public DateTimeOffset? NextFrom(DateTimeOffset from) => NextAfter(from.AddTicks(-1));

    /// <summary>Up to <paramref name="count"/> fires strictly after <paramref name="after"/>.</summary>
    public IEnumerable<DateTimeOffset> Upcoming(DateTimeOffset after, int count)
    {
        var cursor = after;
        for (var i = 0; i < count; i++)
        {
            var next = NextAfter(cursor);
            if (next is null)
            {
                yield break;
            }

            yield return next.Value;
            cursor = next.Value;
        }
    }
}

/// <summary>
/// Cron in a time zone with Cronos' DST rules: a local time skipped by spring-forward fires once at the
/// transition; a fixed local time repeated by fall-back fires once; interval-like expressions keep their
/// interval through the repeated hour.
/// </summary>
public sealed class CronSchedule(CronExpression expression, TimeZoneInfo zone) : Schedule
{
    public override DateTimeOffset? NextAfter(DateTimeOffset after) =>
        expression.GetNextOccurrence(after.ToUniversalTime(), zone, inclusive: false)?.ToUniversalTime();
}

/// <summary>Fires at anchor + k·interval for every integer k (absolute durations; no DST effect).</summary>
public sealed class IntervalSchedule : Schedule
{
    private readonly TimeSpan _interval;
    private readonly DateTimeOffset _anchor;

    public IntervalSchedule(TimeSpan interval, DateTimeOffset anchor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, EverySpec.MinInterval);
        _interval = interval;
        _anchor = anchor.ToUniversalTime();
    }

    public override DateTimeOffset? NextAfter(DateTimeOffset after)
    {
        var utc = after.ToUniversalTime();
        if (utc < _anchor)
        {
            // Fires before the anchor exist too (k < 0); find the first one after 'after'.
            var back = (_anchor - utc).Ticks / _interval.Ticks;
            var candidate = _anchor - TimeSpan.FromTicks(back * _interval.Ticks);
            return candidate > utc ? candidate : candidate + _interval;
        }

        var k = ((utc - _anchor).Ticks / _interval.Ticks) + 1;
        return _anchor + TimeSpan.FromTicks(k * _interval.Ticks);
    }
}

/// <summary>A single fire.</summary>
public sealed class OnceSchedule(DateTimeOffset at) : Schedule
{
    private readonly DateTimeOffset _at = at.ToUniversalTime();

    public override DateTimeOffset? NextAfter(DateTimeOffset after) => _at > after ? _at : null;
}
