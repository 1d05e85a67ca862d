using Punctual.Core.Gates;
using Punctual.Core.Outcomes;

namespace Punctual.Storage.Gates;

/// <summary>
/// The completion side of gates, shared by both drivers: which attempt outcomes change their gate, and the state
/// they lead to. Most completions change nothing (a success through a gate at full rate), so a completion batch locks
/// a gate's row only when <see cref="Matters"/> says so, keeping claims through that gate unblocked.
/// </summary>
public static class GateFeedback
{
    /// <summary>
    /// Whether any of a batch's outcomes can change a gate: push-back always can; a success only while some adaptive
    /// gate runs below its rate (<paramref name="anyGateSlowed"/>, asked only when needed). Most batches answer no
    /// without reading a gate.
    /// </summary>
    public static async Task<bool> MayChangeGatesAsync(IReadOnlyCollection<AttemptResult> results, Func<Task<bool>> anyGateSlowed) =>
        results.Any(IsPushback) || (results.Any(r => r.Outcome == AttemptOutcome.Succeeded) && await anyGateSlowed());

    /// <summary>A 429, a 503 or a timeout: the endpoint pushes back, and the whole gate backs off (and holds for a Retry-After).</summary>
    public static bool IsPushback(AttemptResult result) => result.StatusCode is 429 or 503 || result.ErrorClass == ErrorClasses.Timeout;

    /// <summary>Whether <paramref name="result"/> changes the gate: push-back (429, 503, a timeout), or a success while an adaptive gate is slowed down.</summary>
    public static bool Matters(GateRow row, GateLimits? hostDefaults, AttemptResult result)
    {
        if (IsPushback(result))
        {
            return true;
        }

        var limits = row.Limits ?? hostDefaults;
        return result.Outcome == AttemptOutcome.Succeeded
            && limits is { Adaptive: true }
            && row.State is { } state
            && state.EffectiveRatePerSecond < limits.RatePerSecond;
    }

    /// <summary>The gate's state after the outcomes, in order; null when the gate has no limits to adapt (a host gate without defaults).</summary>
    public static GateState? Apply(GateRow row, GateLimits? hostDefaults, IEnumerable<(AttemptResult Result, DateTimeOffset At)> outcomes)
    {
        if ((row.Limits ?? hostDefaults) is not { } limits)
        {
            return null;
        }

        GateState? state = row.State;
        foreach (var (result, at) in outcomes)
        {
            state = GateMath.OnOutcome(limits, state ?? GateState.Initial(limits, at), result, at);
        }

        return state;
    }
}
