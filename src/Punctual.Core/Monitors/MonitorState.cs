namespace Punctual.Core.Monitors;

/// <summary>new (never pinged) → up → late (past the expected time, within grace) → down (past grace, or a failure) → up again.</summary>
public enum MonitorState
{
    New,
    Up,
    Late,
    Down,
}

public static class MonitorStates
{
    public static string ToText(MonitorState state) => state switch
    {
        MonitorState.New => "new",
        MonitorState.Up => "up",
        MonitorState.Late => "late",
        MonitorState.Down => "down",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };
}

/// <summary>
/// What the store knows about a monitor's pings: the newest start, success and failure (null when none came yet),
/// and when the monitor was created (the expected time of a monitor that only ever started counts from there).
/// </summary>
public sealed record MonitorFacts(DateTimeOffset CreatedAt, DateTimeOffset? LastStartAt, DateTimeOffset? LastSuccessAt, DateTimeOffset? LastFailAt);

/// <summary>A monitor's state now, when it next expects a ping (null when it does not), and why, in words.</summary>
public sealed record MonitorStatus(MonitorState State, DateTimeOffset? ExpectedAt, string Reason);
