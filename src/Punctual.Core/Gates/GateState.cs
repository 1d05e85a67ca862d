namespace Punctual.Core.Gates;

/// <summary>
/// A gate's shared state, stored in one row and updated inside claim transactions: a token bucket
/// (<see cref="Tokens"/> as of <see cref="UpdatedAt"/>), the adaptive <see cref="EffectiveRatePerSecond"/>, and
/// <see cref="HeldUntil"/> (a Retry-After for the whole gate).
/// </summary>
public sealed record GateState(double Tokens, DateTimeOffset UpdatedAt, double EffectiveRatePerSecond, DateTimeOffset? HeldUntil)
{
    /// <summary>A new gate starts with a full bucket: its first burst may go at once.</summary>
    public static GateState Initial(GateLimits limits, DateTimeOffset now) => new(limits.Burst, now, limits.RatePerSecond, null);

    /// <summary>
    /// After a pause or a sudden backlog an adaptive gate starts slow: an empty bucket and its floor rate, growing
    /// back with every success ("slow start"). A fixed gate starts again from an empty bucket.
    /// </summary>
    public static GateState SlowStart(GateLimits limits, DateTimeOffset now) =>
        new(0, now, limits.Adaptive ? limits.FloorPerSecond : limits.RatePerSecond, null);
}
