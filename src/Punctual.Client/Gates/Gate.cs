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
}
