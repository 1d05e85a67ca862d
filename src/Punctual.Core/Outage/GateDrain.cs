using Punctual.Core.Gates;
using Punctual.Core.Outcomes;

namespace Punctual.Core.Outage;

/// <summary>
/// How long a gate takes to release a backlog, simulated with the gate's own arithmetic (<see cref="GateMath"/>):
/// every attempt is assumed to succeed after <c>attemptDuration</c>, which bounds throughput under a concurrency cap
/// and lets an adaptive gate grow back from slow start. After an outage a gate has been idle, so a fixed gate starts
/// with a full burst and an adaptive one facing more than a burst starts slow (<see cref="GateMath.ShouldSlowStart"/>).
/// </summary>
public static class GateDrain
{
    /// <summary>Runs simulated one by one; a larger backlog is extrapolated at the rate reached by then.</summary>
    public const long MaxSimulated = 1_000_000;

    private static readonly DateTimeOffset Start = DateTimeOffset.UnixEpoch;

    /// <summary>The time from restart until the gate has started the last of <paramref name="runs"/> attempts.</summary>
    public static TimeSpan Estimate(GateLimits limits, long runs, TimeSpan attemptDuration)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(runs);
        if (runs == 0)
        {
            return TimeSpan.Zero;
        }

        var idle = GateState.Initial(limits, Start - GateMath.IdleBeforeSlowStart);
        var state = GateMath.ShouldSlowStart(limits, idle, Start, (int)Math.Min(runs, int.MaxValue))
            ? GateState.SlowStart(limits, Start)
            : GateState.Initial(limits, Start);
        var simulated = Math.Min(runs, MaxSimulated);
        var completions = new Queue<(DateTimeOffset At, int Count)>();
        var inFlight = 0;
        var now = Start;
        var released = 0L;
        var lastStart = Start;
        var success = AttemptResult.Success(200, null);
        while (released < simulated)
        {
            while (completions.TryPeek(out var done) && done.At <= now)
            {
                completions.Dequeue();
                inFlight -= done.Count;
                for (var i = 0; i < done.Count; i++)
                {
                    state = GateMath.OnOutcome(limits, state, success, done.At);
                }
            }

            var (granted, next) = GateMath.Take(limits, state, now, (int)Math.Min(simulated - released, int.MaxValue), inFlight);
            state = next;
            if (granted > 0)
            {
                released += granted;
                inFlight += granted;
                lastStart = now;
                completions.Enqueue((now + attemptDuration, granted));
            }

            if (released == simulated)
            {
                break;
            }

            // Wake at the next permit, or at the next completion when the concurrency cap is what holds the gate.
            var capped = limits.Concurrency is { } cap && inFlight >= cap;
            var wake = capped && completions.TryPeek(out var first) ? first.At : GateMath.NextPermitAt(limits, state, now);
            now = wake > now ? wake : now + TimeSpan.FromMilliseconds(1);
        }

        var elapsed = lastStart - Start;
        if (runs > simulated)
        {
            var rate = Throughput(limits, state, attemptDuration);
            elapsed += TimeSpan.FromSeconds((runs - simulated) / rate);
        }

        return elapsed;
    }

    private static double Throughput(GateLimits limits, GateState state, TimeSpan attemptDuration)
    {
        var rate = limits.EffectiveRate(state);
        return limits.Concurrency is { } cap && attemptDuration > TimeSpan.Zero
            ? Math.Min(rate, cap / attemptDuration.TotalSeconds)
            : rate;
    }
}
