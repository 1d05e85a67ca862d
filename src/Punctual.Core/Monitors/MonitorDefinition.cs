using Punctual.Core.Scheduling;
using Punctual.Core.Time;

namespace Punctual.Core.Monitors;

/// <summary>
/// A heartbeat check for work that runs elsewhere, normalized: pings are expected on <see cref="Schedule"/> (cron, in
/// <see cref="TimeZone"/>) or every <see cref="Period"/> — exactly one of the two — and may be up to
/// <see cref="Grace"/> late before the monitor is down. <see cref="Channels"/> get its incidents; <see cref="Repeat"/>
/// re-alerts while it stays down (null: once). <see cref="AlertWhenLate"/>: the incident opens as soon as the monitor is
/// late (<c>alert_on: late</c>), not only once it is down (the default).
/// </summary>
public sealed record MonitorDefinition(
    string Name,
    string? Description,
    CronSpec? Schedule,
    TimeSpan? Period,
    string TimeZone,
    TimeSpan Grace,
    IReadOnlyList<string> Channels,
    TimeSpan? Repeat,
    bool AlertWhenLate = false)
{
    /// <summary>Default grace: 5 minutes.</summary>
    public static readonly TimeSpan DefaultGrace = TimeSpan.FromMinutes(5);

    /// <summary>When the next ping is expected after one at <paramref name="after"/>; null when the schedule never fires again.</summary>
    public DateTimeOffset? ExpectedAfter(DateTimeOffset after) => Period is { } period
        ? after + period
        : new CronSchedule(CronExpressions.Parse(Schedule!.Expression), TimeZones.Resolve(TimeZone)).NextAfter(after);
}
