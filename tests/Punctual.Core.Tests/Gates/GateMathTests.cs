using Punctual.Core.Gates;
using Punctual.Core.Outcomes;

namespace Punctual.Core.Tests.Gates;

public sealed class GateMathTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Take_ANewGate_GrantsItsBurstAtOnce_ThenTheRate()
    {
        var limits = GateLimits.Create(ratePerSecond: 10, burst: 5, concurrency: null, adaptive: false);
        var state = GateState.Initial(limits, T0);

        var (first, afterBurst) = GateMath.Take(limits, state, T0, wanted: 100, inFlight: 0);
        var (second, _) = GateMath.Take(limits, afterBurst, T0.AddMilliseconds(500), wanted: 100, inFlight: 0);

        Assert.Equal(5, first);
        Assert.Equal(5, second); // 0.5 s at 10/s
    }

    [Fact]
    public void Take_NeverExceedsConcurrency()
    {
        var limits = GateLimits.Create(1_000, 1_000, concurrency: 3, adaptive: false);

        var (granted, _) = GateMath.Take(limits, GateState.Initial(limits, T0), T0, wanted: 10, inFlight: 2);

        Assert.Equal(1, granted);
    }

    [Fact]
    public void RetryAfter_HoldsTheWholeGate()
    {
        var limits = GateLimits.Create(10, 10, null, adaptive: false);
        var held = GateMath.OnOutcome(limits, GateState.Initial(limits, T0),
            AttemptResult.Transient(ErrorClasses.HttpStatus, "HTTP 429", 429, TimeSpan.FromSeconds(30)), T0);

        Assert.Equal(0, GateMath.Take(limits, held, T0.AddSeconds(29), 1, 0).Granted);
        Assert.Equal(T0.AddSeconds(30), GateMath.NextPermitAt(limits, held, T0.AddSeconds(29)));
        Assert.Equal(1, GateMath.Take(limits, held, T0.AddSeconds(30), 1, 0).Granted);
    }

    [Fact]
    public void Adaptive_HalvesOnPushback_NeverBelowTheFloor_AndGrowsBackAdditively()
    {
        var limits = GateLimits.Create(16, 1, null, adaptive: true);
        var state = GateState.Initial(limits, T0);
        var pushback = AttemptResult.Transient(ErrorClasses.HttpStatus, "HTTP 503", 503);

        for (var i = 0; i < 10; i++)
        {
            state = GateMath.OnOutcome(limits, state, pushback, T0);
        }

        Assert.Equal(1, state.EffectiveRatePerSecond); // 16 → 8 → 4 → 2 → 1 (the floor, 16/16)
        state = GateMath.OnOutcome(limits, state, AttemptResult.Success(200, null), T0);
        Assert.Equal(1.8, state.EffectiveRatePerSecond, precision: 9); // + 16/20
        for (var i = 0; i < 100; i++)
        {
            state = GateMath.OnOutcome(limits, state, AttemptResult.Success(200, null), T0);
        }

        Assert.Equal(16, state.EffectiveRatePerSecond);
    }

    [Fact]
    public void SlowStart_BeginsEmptyAtTheFloor()
    {
        var limits = GateLimits.Create(20, 40, null, adaptive: true);

        var state = GateState.SlowStart(limits, T0);

        Assert.Equal(0, GateMath.Take(limits, state, T0, 10, 0).Granted);
        Assert.Equal(1, GateMath.Take(limits, state, T0.AddSeconds(1), 10, 0).Granted); // floor 20/16 = 1.25/s
    }

    [Theory]
    [InlineData("20/s", 20)]
    [InlineData("600/m", 10)]
    [InlineData("1800/h", 0.5)]
    [InlineData("0.5/s", 0.5)]
    public void Rates_Parse(string text, double perSecond)
    {
        Assert.True(GateRates.TryParse(text, out var parsed, out _));
        Assert.Equal(perSecond, parsed, precision: 9);
    }

    [Theory]
    [InlineData("20", "not a rate")]
    [InlineData("20/d", "unknown unit")]
    [InlineData("-1/s", "not a rate")]
    [InlineData("0/s", "not a rate")]
    [InlineData("200001/s", "maximum")]
    public void BadRates_AreRefusedClearly(string text, string reason)
    {
        Assert.False(GateRates.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(20, "20/s")]
    [InlineData(0.1, "6/m")]
    [InlineData(0.5, "30/m")]
    [InlineData(1.0 / 3600, "1/h")]
    public void Rates_FormatCanonically(double perSecond, string text) => Assert.Equal(text, GateRates.Format(perSecond));
}
