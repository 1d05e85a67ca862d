namespace Punctual.Storage.Monitors;

/// <summary>
/// How one ping changes a monitor's "last" columns, computed the same way by every driver: a start opens a run, a
/// success or failure closes it and gets its duration (start → end) when a start came after the previous end.
/// </summary>
public static class MonitorPings
{
    public sealed record Update(
        DateTimeOffset? LastStartAt, DateTimeOffset? LastSuccessAt, DateTimeOffset? LastFailAt, int? LastExitStatus, long? LastDurationMs, long? PingDurationMs);

    public static Update Apply(MonitorRecord current, MonitorPingRequest ping)
    {
        if (ping.Kind == "start")
        {
            return new Update(ping.At, current.LastSuccessAt, current.LastFailAt, current.LastExitStatus, current.LastDurationMs, null);
        }

        var lastEnd = current.LastSuccessAt is { } s && (current.LastFailAt is not { } f || s > f) ? s : current.LastFailAt;
        long? duration = current.LastStartAt is { } start && (lastEnd is not { } end || start > end) && ping.At >= start
            ? (long)(ping.At - start).TotalMilliseconds
            : null;
        return ping.Kind == "success"
            ? new Update(current.LastStartAt, ping.At, current.LastFailAt, ping.ExitStatus ?? 0, duration, duration)
            : new Update(current.LastStartAt, current.LastSuccessAt, ping.At, ping.ExitStatus, duration, duration);
    }
}
