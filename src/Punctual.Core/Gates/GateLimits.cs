namespace Punctual.Core.Gates;

/// <summary>
/// What a gate allows, cluster-wide: attempts start at most <see cref="RatePerSecond"/> on average with bursts of
/// up to <see cref="Burst"/>, and never more than <see cref="Concurrency"/> are in flight (null: no cap).
/// With <see cref="Adaptive"/>, 429/503/timeouts halve the effective rate (never below <see cref="FloorPerSecond"/>)
/// and successes grow it back additively.
/// </summary>
public sealed record GateLimits(double RatePerSecond, int Burst, int? Concurrency, bool Adaptive, double FloorPerSecond)
{
    /// <summary>Fastest rate a gate may allow: 100,000 attempts per second.</summary>
    public const double MaxRatePerSecond = 100_000;

    /// <summary>Default floor of an adaptive gate, as a share of its rate: 1/16 (four halvings).</summary>
    public const double DefaultFloorShare = 1.0 / 16;

    /// <summary>How much of the nominal rate each success adds back after a slow-down: 1/20.</summary>
    public const double IncreaseShare = 1.0 / 20;

    /// <summary>The rate the gate allows now: the adaptive rate of <paramref name="state"/>, within [floor, rate].</summary>
    public double EffectiveRate(GateState? state) =>
        state is null ? RatePerSecond : Math.Clamp(state.EffectiveRatePerSecond, FloorPerSecond, RatePerSecond);

    public static GateLimits Create(double ratePerSecond, int burst, int? concurrency, bool adaptive) =>
        new(ratePerSecond, burst, concurrency, adaptive, adaptive ? ratePerSecond * DefaultFloorShare : ratePerSecond);
}
