using Punctual.Core.Monitors;

namespace Punctual.Storage.Monitors;

/// <summary>A stored monitor: its canonical definition, and what its pings said last (null until they did).</summary>
public sealed record MonitorRecord(
    string Name,
    string SpecJson,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? LastPingAt,
    DateTimeOffset? LastStartAt,
    DateTimeOffset? LastSuccessAt,
    DateTimeOffset? LastFailAt,
    int? LastExitStatus,
    long? LastDurationMs)
{
    public MonitorFacts Facts => new(CreatedAt, LastStartAt, LastSuccessAt, LastFailAt);
}

/// <summary>Creates or replaces a monitor; <see cref="TokenHash"/> is used only when it is created.</summary>
public sealed record MonitorUpsertRequest(string Name, string SpecJson, string TokenHash, DateTimeOffset Now);

public enum MonitorWriteStatus
{
    Created,
    Updated,
    Unchanged,
    Deleted,
    NotFound,
}

/// <summary>
/// One ping: by <see cref="Name"/> (the API, with a key) or <see cref="TokenHash"/> (the ping URL). <see cref="Kind"/>
/// is <c>start</c>, <c>success</c> or <c>fail</c>; <see cref="Output"/> the bounded body (a script's output).
/// </summary>
public sealed record MonitorPingRequest(string? Name, string? TokenHash, string Kind, int? ExitStatus, string? Output, DateTimeOffset At);

/// <summary>A recorded ping; <see cref="DurationMs"/> is start → this end, when a start came before it.</summary>
public sealed record MonitorPing(long Id, string Monitor, string Kind, DateTimeOffset At, int? ExitStatus, long? DurationMs, string? Output);
