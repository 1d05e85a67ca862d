using CsCheck;
using Punctual.Core.Scheduling;
using Punctual.Core.Tests.Support;

namespace Punctual.Core.Tests.Scheduling;

public sealed class JitterTests
{
    private static readonly DateTimeOffset Fire = Utc.At("2026-06-01T09:00:00Z");

    [Fact]
    public void Offset_ForTheSameJobAndFire_IsTheSameEveryTime()
    {
        var first = Jitter.Offset("nightly-report", Fire, TimeSpan.FromMinutes(10));

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(first, Jitter.Offset("nightly-report", Fire, TimeSpan.FromMinutes(10)));
        }
    }

    [Fact]
    public void Offset_DoesNotDependOnTheOffsetTheFireIsWrittenIn()
    {
        var paris = Fire.ToOffset(TimeSpan.FromHours(2));

        Assert.Equal(Jitter.Offset("job", Fire, TimeSpan.FromHours(1)), Jitter.Offset("job", paris, TimeSpan.FromHours(1)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1000)]
    public void Offset_WithoutAPositiveMaximum_IsZero(int maxMilliseconds) =>
        Assert.Equal(TimeSpan.Zero, Jitter.Offset("job", Fire, TimeSpan.FromMilliseconds(maxMilliseconds)));

    [Fact]
    public void Offset_StaysWithinZeroAndTheMaximum_ForAnyJobAndFire()
    {
        var gen = Gen.Select(Gen.String, Gen.Long[0, 4_000_000_000_000L], Gen.Long[1, 86_400_000L]);

        gen.Sample((name, secondsAfterEpoch, maxMs) =>
        {
            var max = TimeSpan.FromMilliseconds(maxMs);
            var offset = Jitter.Offset(name, DateTimeOffset.UnixEpoch.AddTicks(secondsAfterEpoch * TimeSpan.TicksPerMillisecond), max);
            Assert.InRange(offset, TimeSpan.Zero, max);
            Assert.Equal(0, offset.Ticks % TimeSpan.TicksPerMillisecond);
        }, iter: 2_000);
    }

    [Fact]
    public void Offset_OverManyFires_SpreadsAcrossTheWholeRange()
    {
        var max = TimeSpan.FromHours(1);
        var offsets = Enumerable.Range(0, 2_000)
            .Select(i => Jitter.Offset("spread", Fire.AddMinutes(i), max))
            .ToList();

        Assert.True(offsets.Distinct().Count() > 1_990, "different fires should get different offsets");
        var mean = TimeSpan.FromTicks((long)offsets.Average(o => o.Ticks));
        Assert.InRange(mean, TimeSpan.FromMinutes(27), TimeSpan.FromMinutes(33));
        Assert.True(offsets.Min() < TimeSpan.FromMinutes(2));
        Assert.True(offsets.Max() > TimeSpan.FromMinutes(58));
        foreach (var quarter in Enumerable.Range(0, 4))
        {
            var inQuarter = offsets.Count(o => o >= TimeSpan.FromMinutes(15 * quarter) && o < TimeSpan.FromMinutes(15 * (quarter + 1)));
            Assert.InRange(inQuarter, 400, 600);
        }
    }

    [Fact]
    public void Offset_ForDifferentJobsAtTheSameFire_Differs()
    {
        var max = TimeSpan.FromHours(1);
        var offsets = Enumerable.Range(0, 200).Select(i => Jitter.Offset($"job-{i}", Fire, max)).ToList();

        Assert.True(offsets.Distinct().Count() > 190);
    }

    [Fact]
    public void Offset_WithAOneMillisecondMaximum_IsZeroOrOneMillisecond()
    {
        var offsets = Enumerable.Range(0, 200).Select(i => Jitter.Offset("job", Fire.AddSeconds(i), TimeSpan.FromMilliseconds(1))).ToHashSet();

        Assert.Equal([TimeSpan.Zero, TimeSpan.FromMilliseconds(1)], offsets.Order());
    }
}
