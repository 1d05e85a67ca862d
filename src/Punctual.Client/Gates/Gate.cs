namespace Punctual.Client;

/// <summary>A gate (<c>GET /gates</c>): its limits, and what goes through it now.</summary>
public sealed record Gate
{
    public string Name { get; init; } = "";

    /// <summary><c>named</c> (declared with its own limits) or <c>host</c> (a target host's default gate).</summary>
    public string Kind { get; init; } = "";

    /// <summary>The nominal rate, as <c>20/s</c>, <c>600/m</c>.</summary>
    public string Rate { get; init; } = "";

    public int Burst { get; init; }

    /// <summary>Most attempts in flight through the gate across the cluster; null: no cap.</summary>
    public int? Concurrency { get; init; }

    public bool Adaptive { get; init; }

    public bool Paused { get; init; }

    /// <summary>Runs due and waiting for the gate.</summary>
    public int Backlog { get; init; }

    /// <summary>Runs through the gate that are not due yet.</summary>
    public int Waiting { get; init; }

    public int InFlight { get; init; }

    /// <summary>The rate the gate allows now (below <see cref="Rate"/> while an adaptive gate backs off).</summary>
    public string EffectiveRate { get; init; } = "";

    public double EffectiveRatePerSecond { get; init; }

    /// <summary>The end of a Retry-After hold on the whole gate, when one is on.</summary>
    public DateTimeOffset? HeldUntil { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The gate's backlog alert block; null when it has none.</summary>
    public GateAlert? Alert { get; init; }
}

/// <summary>A gate's backlog alert: an incident while more than <see cref="BacklogAbove"/> runs wait, for at least <see cref="For"/>.</summary>
public sealed record GateAlert
{
    public int BacklogAbove { get; init; }

    /// <summary>How long the backlog must stay above the threshold, as <c>5m</c> (<c>0s</c>: at once).</summary>
    public string For { get; init; } = "";

    public IReadOnlyList<string> Channels { get; init; } = [];

    /// <summary>The re-alert interval of an open incident, as <c>4h</c>; null: alert once.</summary>
    public string? Repeat { get; init; }
}
