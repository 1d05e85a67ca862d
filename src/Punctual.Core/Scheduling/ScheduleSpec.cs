using Cronos;

namespace Punctual.Core.Scheduling;

/// <summary>What the user wrote for a job's schedule. A job without a spec runs on demand only.</summary>
public abstract record ScheduleSpec
{
    /// <summary>Builds the computable schedule. <paramref name="defaultAnchor"/> anchors an interval without an explicit anchor (the job's creation).</summary>
    public abstract Schedule Bind(TimeZoneInfo zone, DateTimeOffset defaultAnchor);
}

/// <summary>A cron expression of 5 fields (minute precision) or 6 (seconds first), or a macro like <c>@daily</c>.</summary>
public sealed record CronSpec(string Expression) : ScheduleSpec
{
    public override Schedule Bind(TimeZoneInfo zone, DateTimeOffset defaultAnchor) =>
        new CronSchedule(CronExpressions.Parse(Expression), zone);
}

/// <summary>An absolute interval anchored at <see cref="Anchor"/> (or the job's creation): fires at anchor + k·interval.</summary>
public sealed record EverySpec(TimeSpan Interval, DateTimeOffset? Anchor) : ScheduleSpec
{
    /// <summary>Shortest accepted interval: one second, the resolution of cron too.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);

    public override Schedule Bind(TimeZoneInfo zone, DateTimeOffset defaultAnchor) =>
        new IntervalSchedule(Interval, Anchor ?? defaultAnchor);
}

/// <summary>A single fire at one instant.</summary>
public sealed record AtSpec(DateTimeOffset At) : ScheduleSpec
{
    public override Schedule Bind(TimeZoneInfo zone, DateTimeOffset defaultAnchor) => new OnceSchedule(At);
}

/// <summary>Parsing of cron text with field-count detection (5 fields, or 6 with seconds first).</summary>
public static class CronExpressions
{
    public static CronExpression Parse(string expression) =>
        TryParse(expression, out var parsed, out var error) ? parsed : throw new FormatException(error);

    public static bool TryParse(string? expression, out CronExpression parsed, out string error)
    {
        parsed = CronExpression.EveryMinute;
        error = "";
        if (string.IsNullOrWhiteSpace(expression))
        {
            error = "expected a cron expression such as '0 9 * * *' (5 fields) or '*/10 * * * * *' (6 fields, seconds first)";
            return false;
        }

        var text = expression.Trim();
        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var format = fields.Length switch
        {
            _ when text.StartsWith('@') => CronFormat.Standard,
            5 => CronFormat.Standard,
            6 => CronFormat.IncludeSeconds,
            _ => (CronFormat?)null,
        };
        if (format is null)
        {
            error = $"'{expression}' has {fields.Length} fields; a cron expression has 5 (minute hour day-of-month month day-of-week) or 6 (seconds first)";
            return false;
        }

        try
        {
            parsed = CronExpression.Parse(string.Join(' ', fields), format.Value);
            return true;
        }
        catch (CronFormatException e)
        {
            error = $"'{expression}' is not a valid cron expression: {e.Message}";
            return false;
        }
    }
}
