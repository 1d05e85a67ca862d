using Punctual.Core.Outcomes;

namespace Punctual.Core.Gates;

/// <summary>
/// Gate arithmetic. Pure; the store calls it inside the claim transaction with the gate's row locked, so the limits
/// hold across all nodes. Invariant: in any window of T seconds a gate grants at most Burst + Rate·T permits (the
/// effective rate never exceeds the nominal one), and at most Concurrency are in flight.
/// </summary>
public static class GateMath
{
    /// <summary>
    /// Grants up to <paramref name="wanted"/> permits at <paramref name="now"/>, given <paramref name="inFlight"/>
    /// attempts already running through the gate. Returns the grant and the state to store.
    /// </summary>
    public static (int Granted, GateState State) Take(GateLimits limits, GateState state, DateTimeOffset now, int wanted, int inFlight)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(wanted);
        var refilled = Refill(limits, state, now);
        if (wanted == 0 || refilled.HeldUntil is { } held && held > now)
        {
            return (0, refilled);
        }

        var room = limits.Concurrency is { } cap ? Math.Max(0, cap - inFlight) : int.MaxValue;
        var granted = (int)Math.Min(Math.Min(wanted, room), Math.Floor(refilled.Tokens + 1e-9));
        return (granted, refilled with { Tokens = Math.Max(0, refilled.Tokens - granted) });
    }

    /// <summary>When the gate can next grant a permit (ignoring concurrency), for the dispatcher's sleep.</summary>
    public static DateTimeOffset NextPermitAt(GateLimits limits, GateState state, DateTimeOffset now)
    {
        var refilled = Refill(limits, state, now);
        var at = refilled.HeldUntil is { } held && held > now ? held : now;
        var missing = 1 - refilled.Tokens;
        if (missing <= 0)
        {
            return at;
        }

        // Rounded up to the state's precision (see Refill), so a claim at that instant finds the permit there.
        var permitAt = CeilingToMillisecond(now + TimeSpan.FromSeconds(missing / refilled.EffectiveRatePerSecond));
        return permitAt > at ? permitAt : at;
    }

    /// <summary>
    /// Adapts the gate to an attempt's outcome. 429 and 503 (and timeouts) halve the effective rate, never below the
    /// floor; a Retry-After holds the whole gate that long. A success adds back a twentieth of the nominal rate.
    /// Fixed (non-adaptive) gates only honour Retry-After.
    /// </summary>
    public static GateState OnOutcome(GateLimits limits, GateState state, AttemptResult result, DateTimeOffset now)
    {
        var refilled = Refill(limits, state, now);
        var pushback = result.StatusCode is 429 or 503 || result.ErrorClass == ErrorClasses.Timeout;
        if (pushback)
        {
            var held = result.RetryAfter is { } wait && wait > TimeSpan.Zero ? now + Min(wait, Retries.Backoff.MaxRetryAfter) : refilled.HeldUntil;
            if (refilled.HeldUntil is { } current && held < current)
            {
                held = current;
            }

            var rate = limits.Adaptive ? Math.Max(limits.FloorPerSecond, refilled.EffectiveRatePerSecond / 2) : refilled.EffectiveRatePerSecond;
            return refilled with { EffectiveRatePerSecond = rate, HeldUntil = held };
        }

        if (result.Outcome == AttemptOutcome.Succeeded && limits.Adaptive && refilled.EffectiveRatePerSecond < limits.RatePerSecond)
        {
            var rate = Math.Min(limits.RatePerSecond, refilled.EffectiveRatePerSecond + (limits.RatePerSecond * GateLimits.IncreaseShare));
            return refilled with { EffectiveRatePerSecond = rate };
        }

        return refilled;
    }

    /// <summary>How long a gate must have been idle before a sudden backlog makes an adaptive gate start slow: 1 minute.</summary>
    public static readonly TimeSpan IdleBeforeSlowStart = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Whether an adaptive gate, idle (no claim through it) for <see cref="IdleBeforeSlowStart"/>, now faces more due
    /// work than one burst: after an outage or a sudden backlog it then starts at its floor and grows with successes,
    /// so a recovering endpoint sees a ramp. <paramref name="due"/> needs counting only up to Burst + 1.
    /// </summary>
    public static bool ShouldSlowStart(GateLimits limits, GateState state, DateTimeOffset now, int due) =>
        limits.Adaptive && now - state.UpdatedAt >= IdleBeforeSlowStart && due > limits.Burst;

    /// <summary>
    /// Tokens accrued since the last update at the effective rate, capped at the burst; the rate is clamped to the limits.
    /// The state is kept at store precision (milliseconds), the precision it is stored at between claims: refilling
    /// from a sub-millisecond instant and storing it truncated would count the truncated part again at the next refill,
    /// and a gate claimed every few milliseconds would creep several percent over its rate.
    /// </summary>
    private static GateState Refill(GateLimits limits, GateState state, DateTimeOffset now)
    {
        now = Time.Instants.ToStorePrecision(now);
        var rate = Math.Clamp(state.EffectiveRatePerSecond, limits.FloorPerSecond, limits.RatePerSecond);
        var elapsed = now > state.UpdatedAt ? (now - state.UpdatedAt).TotalSeconds : 0;
        var tokens = Math.Min(limits.Burst, state.Tokens + (elapsed * rate));
        return new GateState(tokens, now > state.UpdatedAt ? now : state.UpdatedAt, rate, state.HeldUntil is { } held && held <= now ? null : state.HeldUntil);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static DateTimeOffset CeilingToMillisecond(DateTimeOffset instant)
    {
        var remainder = instant.UtcTicks % TimeSpan.TicksPerMillisecond;
        return remainder == 0 ? instant : instant.AddTicks(TimeSpan.TicksPerMillisecond - remainder);
    }
}
