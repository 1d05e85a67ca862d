using Punctual.Core.Time;
using Punctual.Core.Tests.Support;

namespace Punctual.Core.Tests.Time;

public sealed class ClockSkewTests
{
    private static readonly DateTimeOffset Sent = Utc.At("2026-06-01T12:00:00Z");

    [Fact]
    public void Measure_TakesTheDatabaseReadingAsMidRoundTrip()
    {
        var skew = ClockSkew.Measure(Sent, Sent.AddMilliseconds(40), Sent.AddMilliseconds(20));

        Assert.Equal(new ClockSkew(TimeSpan.Zero, TimeSpan.FromMilliseconds(20)), skew);
        Assert.False(skew.Exceeds(TimeSpan.Zero));
    }

    [Fact]
    public void ANodeAhead_HasANegativeOffset_AndSaysSo()
    {
        var skew = ClockSkew.Measure(Sent, Sent.AddMilliseconds(10), Sent.AddSeconds(-30));

        Assert.Equal(TimeSpan.FromSeconds(-30.005), skew.Offset);
        Assert.True(skew.Exceeds(TimeSpan.FromSeconds(10)));
        Assert.Equal("this node's clock is 30s5ms ahead of the database's (±5ms)", skew.Describe());
    }

    [Fact]
    public void ANodeBehind_SaysSo()
    {
        Assert.StartsWith("this node's clock is 3s behind", ClockSkew.Measure(Sent, Sent, Sent.AddSeconds(3)).Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void ASlowRoundTrip_GivesTheBenefitOfTheDoubt()
    {
        // 12 s apparent skew, but the reading could have been taken anywhere in a 30 s round trip.
        var skew = ClockSkew.Measure(Sent, Sent.AddSeconds(30), Sent.AddSeconds(27));

        Assert.Equal(TimeSpan.FromSeconds(12), skew.Offset);
        Assert.False(skew.Exceeds(TimeSpan.FromSeconds(10)));
        Assert.Equal(TimeSpan.Zero, skew.AtLeast);
    }
}
