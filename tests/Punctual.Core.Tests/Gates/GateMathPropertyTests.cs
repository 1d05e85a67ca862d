using CsCheck;
using Punctual.Core.Gates;
using Punctual.Core.Outcomes;

namespace Punctual.Core.Tests.Gates;

/// <summary>The gate's promises under random traffic: no window over the limit, concurrency held, no starvation.</summary>
public sealed class GateMathPropertyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Gen<GateLimits> Limits =
        Gen.Select(Gen.Double[0.1, 200], Gen.Int[1, 50], Gen.Int[0, 20], Gen.Bool, (rate, burst, cap, adaptive) => GateLimits.Create(rate, burst, cap == 0 ? null : cap, adaptive));

    /// <summary>(milliseconds since the previous step, permits wanted, attempts in flight, outcome: 0 none, 1 success, 2 a 503, 3 a 429 with Retry-After).</summary>
    private static readonly Gen<(int Ms, int Wanted, int InFlight, int Outcome)[]> Steps =
        Gen.Select(Gen.Int[0, 2_000], Gen.Int[0, 60], Gen.Int[0, 25], Gen.Int[0, 3]).Array[1, 120];

    /// <summary>
    /// The state goes to the store between claims, at millisecond precision, while claims come at any instant: the
    /// limit must hold across that round trip too (each claim must not refill the sub-millisecond part twice).
    /// </summary>
    [Fact]
    public void StoringTheStateAtMillisecondPrecision_NeverLetsTheGateCreepOverItsRate() =>
        Gen.Select(Gen.Double[10, 2_000], Gen.Int[1, 5], Gen.Int[100, 400].Array[200, 600]).Sample((rate, burst, gaps) =>
        {
            var limits = GateLimits.Create(rate, burst, null, adaptive: false);
            var state = GateState.Initial(limits, T0);
            var now = T0;
            var grants = 0;
            foreach (var gapTicks in gaps)
            {
                // Claims 10..40 µs apart, as a dispatcher woken at the next permit makes them.
                now = now.AddTicks(gapTicks * 100);
                var (granted, next) = GateMath.Take(limits, state, now, 1_000, 0);
                grants += granted;
                state = next with { UpdatedAt = Punctual.Core.Time.Instants.ToStorePrecision(next.UpdatedAt) };
            }

            return grants <= burst + (rate * (now - T0).TotalSeconds) + 1e-6;
        });

    [Fact]
    public void NoWindowEverGrantsMoreThanBurstPlusRateTimesItsLength() =>
        Gen.Select(Limits, Steps).Sample((limits, steps) =>
        {
            var grants = Simulate(limits, steps);
            for (var i = 0; i < grants.Count; i++)
            {
                var total = 0;
                for (var j = i; j < grants.Count; j++)
                {
                    total += grants[j].Granted;
                    var window = (grants[j].At - grants[i].At).TotalSeconds;
                    if (total > limits.Burst + (limits.RatePerSecond * window) + 1e-6)
                    {
                        return false;
                    }
                }
            }

            return true;
        });

    [Fact]
    public void AGrantNeverTakesTheGateOverItsConcurrency() =>
        Gen.Select(Limits, Steps).Sample((limits, steps) =>
            Simulate(limits, steps).All(g => limits.Concurrency is not { } cap || g.Granted + g.InFlight <= Math.Max(cap, g.InFlight)));

    [Fact]
    public void WaitingUntilNextPermitAt_AlwaysYieldsAPermit_WhenThereIsRoom() =>
        Gen.Select(Limits, Steps).Sample((limits, steps) =>
        {
            var state = GateState.Initial(limits, T0);
            var now = T0;
            foreach (var (ms, wanted, _, outcome) in steps)
            {
                now = now.AddMilliseconds(ms);
                state = GateMath.Take(limits, state, now, wanted, 0).State;
                state = Apply(limits, state, outcome, now);
            }

            var next = GateMath.NextPermitAt(limits, state, now);
            return GateMath.Take(limits, state, next.AddTicks(1), 1, 0).Granted == 1;
        });

    private static List<(DateTimeOffset At, int Granted, int InFlight)> Simulate(GateLimits limits, (int Ms, int Wanted, int InFlight, int Outcome)[] steps)
    {
        var state = GateState.Initial(limits, T0);
        var now = T0;
        var grants = new List<(DateTimeOffset, int, int)>();
        foreach (var (ms, wanted, inFlight, outcome) in steps)
        {
            now = now.AddMilliseconds(ms);
            var (granted, next) = GateMath.Take(limits, state, now, wanted, inFlight);
            grants.Add((now, granted, inFlight));
            state = Apply(limits, next, outcome, now);
        }

        return grants;
    }

    private static GateState Apply(GateLimits limits, GateState state, int outcome, DateTimeOffset now) => outcome switch
    {
        1 => GateMath.OnOutcome(limits, state, AttemptResult.Success(200, null), now),
        2 => GateMath.OnOutcome(limits, state, AttemptResult.Transient(ErrorClasses.HttpStatus, "HTTP 503", 503), now),
        3 => GateMath.OnOutcome(limits, state, AttemptResult.Transient(ErrorClasses.HttpStatus, "HTTP 429", 429, TimeSpan.FromSeconds(2)), now),
        _ => state,
    };
}
