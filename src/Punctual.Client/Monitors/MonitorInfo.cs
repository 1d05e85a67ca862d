namespace Punctual.Client;

/// <summary>A monitor (<c>GET /monitors</c>; not named Monitor, which would clash with System.Threading.Monitor): its definition, its state now and what its pings said last.</summary>
public sealed record MonitorInfo
{
    public string Name { get; init; } = "";

    public string? Description { get; init; }

    /// <summary>Cron expression the pings are expected on, or null with <see cref="Period"/>.</summary>
    public string? Schedule { get; init; }

    public string? Period { get; init; }

    public string Timezone { get; init; } = "UTC";

    public string Grace { get; init; } = "";

    public IReadOnlyList<string> Channels { get; init; } = [];

    public string? Repeat { get; init; }

    /// <summary><c>down</c> (default) or <c>late</c>: when the monitor's incident opens.</summary>
    public string AlertOn { get; init; } = "down";

    /// <summary><c>new</c>, <c>up</c>, <c>late</c> or <c>down</c>.</summary>
    public string State { get; init; } = "";

    public string StateReason { get; init; } = "";

    public DateTimeOffset? ExpectedAt { get; init; }

    public DateTimeOffset? LastPingAt { get; init; }

    public DateTimeOffset? LastStartAt { get; init; }

    public DateTimeOffset? LastSuccessAt { get; init; }

    public DateTimeOffset? LastFailAt { get; init; }

    public int? LastExitStatus { get; init; }

    public long? LastDurationMs { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The ping token, only in the answer that made it (creation, rotation).</summary>
    public string? Token { get; init; }

    public string? PingPath { get; init; }

    /// <summary>The newest pings (only from <c>GET /monitors/{name}</c>).</summary>
    public IReadOnlyList<MonitorPing>? Pings { get; init; }
}

/// <summary>One ping: <c>start</c>, <c>success</c> or <c>fail</c>; its exit status, duration (start → end) and output.</summary>
public sealed record MonitorPing
{
    public long Id { get; init; }

    public string Kind { get; init; } = "";

    public DateTimeOffset At { get; init; }

    public int? ExitStatus { get; init; }

    public long? DurationMs { get; init; }

    public string? Output { get; init; }
}
