using Punctual.Core.Gates;
using Punctual.Core.Outage;

namespace Punctual.Core.Tests.Outage;

public sealed class GateDrainTests
{
    private static readonly TimeSpan Instant = TimeSpan.Zero;

    [Fact]
    public void FixedGate_ReleasesABurst_ThenRunsAtItsRate()
    {
        var drain = GateDrain.Estimate(GateLimits.Create(10, 10, null, adaptive: false), 110, Instant);

        Assert.InRange(drain.TotalSeconds, 9.9, 10.1);
    }

    [Fact]
    public void ConcurrencyCap_BoundsThroughputByAttemptDuration()
    {
        var drain = GateDrain.Estimate(GateLimits.Create(1000, 1000, 5, adaptive: false), 50, TimeSpan.FromSeconds(1));

        Assert.InRange(drain.TotalSeconds, 8.9, 9.1);
    }

    [Fact]
    public void AdaptiveGate_AfterAnOutage_StartsSlowAndGrowsBack()
    {
        var limits = GateLimits.Create(20, 20, null, adaptive: true);

        var adaptive = GateDrain.Estimate(limits, 200, Instant);
        var fixedGate = GateDrain.Estimate(limits with { Adaptive = false }, 200, Instant);

        Assert.InRange(fixedGate.TotalSeconds, 8.9, 9.1);
        Assert.True(adaptive > fixedGate, $"slow start takes longer ({adaptive} vs {fixedGate})");
        Assert.True(adaptive.TotalSeconds < 200 / limits.FloorPerSecond, "successes grow the rate back above the floor");
    }

    [Fact]
    public void AdaptiveGate_WithinOneBurst_DoesNotSlowStart()
    {
        Assert.Equal(TimeSpan.Zero, GateDrain.Estimate(GateLimits.Create(20, 20, null, adaptive: true), 20, Instant));
    }

    [Fact]
    public void NothingToDrain_TakesNoTime()
    {
        Assert.Equal(TimeSpan.Zero, GateDrain.Estimate(GateLimits.Create(1, 1, 1, adaptive: true), 0, Instant));
    }

    [Theory]
    [InlineData(5.0, 1, null, 1_000L)]
    [InlineData(100.0, 50, 10, 5_000L)]
    [InlineData(1000.0, 1000, null, 250_000L)]
    [InlineData(2.0, 3, 1, 10L)]
    public void NeverFasterThanTheGateAllows(double rate, int burst, int? concurrency, long runs)
    {
        var limits = GateLimits.Create(rate, burst, concurrency, adaptive: false);

        var drain = GateDrain.Estimate(limits, runs, TimeSpan.FromMilliseconds(100));

        var floor = Math.Max(0, runs - burst) / rate;
        Assert.True(drain.TotalSeconds >= floor - 1e-6, $"{drain.TotalSeconds} s < {floor} s");
        Assert.True(drain.TotalSeconds <= (floor * 1.05) + 0.2, $"{drain.TotalSeconds} s is far above {floor} s");
    }

    [Fact]
    public void AHugeBacklog_IsExtrapolatedBeyondTheSimulation()
    {
        var drain = GateDrain.Estimate(GateLimits.Create(10_000, 10_000, null, adaptive: false), GateDrain.MaxSimulated * 3, Instant);

        Assert.InRange(drain.TotalSeconds, 298, 302);
    }
}
