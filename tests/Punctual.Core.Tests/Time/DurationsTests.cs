using CsCheck;
using Punctual.Core.Time;

namespace Punctual.Core.Tests.Time;

public sealed class DurationsTests
{
    [Theory]
    [InlineData("500ms", 0, 0, 0, 0, 500)]
    [InlineData("30s", 0, 0, 0, 30, 0)]
    [InlineData("10m", 0, 0, 10, 0, 0)]
    [InlineData("1h30m", 0, 1, 30, 0, 0)]
    [InlineData("1d", 1, 0, 0, 0, 0)]
    [InlineData("2w", 14, 0, 0, 0, 0)]
    [InlineData("1w2d3h4m5s6ms", 9, 3, 4, 5, 6)]
    [InlineData("90m", 0, 1, 30, 0, 0)]
    [InlineData("0s", 0, 0, 0, 0, 0)]
    [InlineData("  45s  ", 0, 0, 0, 45, 0)]
    [InlineData("36500d", 36_500, 0, 0, 0, 0)]
    [InlineData("000000005s", 0, 0, 0, 5, 0)]
    public void Parse_AcceptsNumberUnitPairsLargestFirst(string text, int days, int hours, int minutes, int seconds, int milliseconds) =>
        Assert.Equal(new TimeSpan(days, hours, minutes, seconds, milliseconds), Durations.Parse(text));

    [Theory]
    [InlineData(0, 0, 0, 0, 0, "0s")]
    [InlineData(0, 0, 0, 0, 500, "500ms")]
    [InlineData(0, 0, 0, 30, 0, "30s")]
    [InlineData(0, 1, 30, 0, 0, "1h30m")]
    [InlineData(1, 0, 0, 0, 0, "1d")]
    [InlineData(7, 0, 0, 0, 0, "1w")]
    [InlineData(8, 0, 0, 0, 0, "1w1d")]
    [InlineData(0, 24, 0, 0, 0, "1d")]
    [InlineData(9, 3, 4, 5, 6, "1w2d3h4m5s6ms")]
    [InlineData(0, 0, 0, 61, 0, "1m1s")]
    public void Format_WritesCanonicalText(int days, int hours, int minutes, int seconds, int milliseconds, string expected) =>
        Assert.Equal(expected, Durations.Format(new TimeSpan(days, hours, minutes, seconds, milliseconds)));

    [Fact]
    public void Format_OfANegativeDuration_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Durations.Format(TimeSpan.FromSeconds(-1)));

    [Fact]
    public void Format_ThenParse_RoundTripsEveryWholeMillisecondDuration()
    {
        Gen.Long[0, (long)Durations.Max.TotalMilliseconds].Select(TimeSpan.FromMilliseconds).Sample(duration =>
        {
            var text = Durations.Format(duration);

            Assert.Equal(duration, Durations.Parse(text));
            Assert.Equal(text, Durations.Format(Durations.Parse(text)));
        }, iter: 5_000);
    }

    [Theory]
    [InlineData(null, "expected a duration such as '30s'")]
    [InlineData("", "expected a duration such as '30s'")]
    [InlineData("   ", "expected a duration such as '30s'")]
    [InlineData("30", "has a number without a unit; add one of ms, s, m, h, d, w (e.g. '30s')")]
    [InlineData("1h30", "has a number without a unit")]
    [InlineData("10y", "has an unknown unit 'y'; use ms, s, m, h, d or w")]
    [InlineData("10mo", "has an unknown unit 'mo'")]
    [InlineData("10sec", "has an unknown unit 'sec'")]
    [InlineData("30m1h", "repeats or misorders units; write the largest unit first, each once (e.g. '1h30m')")]
    [InlineData("1h1h", "repeats or misorders units")]
    [InlineData("5s10ms20s", "repeats or misorders units")]
    [InlineData("-5s", "is not a duration")]
    [InlineData("s", "is not a duration")]
    [InlineData("1.5h", "is not a duration")]
    [InlineData("1h 30m", "is not a duration")]
    [InlineData("36501d", "is longer than the maximum of 5214w2d")]
    [InlineData("5215w", "is longer than the maximum")]
    [InlineData("5214w2d1ms", "is longer than the maximum")]
    [InlineData("999999999w", "is longer than the maximum")]
    [InlineData("999999999d", "is longer than the maximum")]
    [InlineData("99999999999999999999s", "is longer than the maximum")]
    public void TryParse_RejectsBadInput_WithAClearReason(string? text, string reason)
    {
        Assert.False(Durations.TryParse(text, out var value, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.Zero, value);
    }

    [Fact]
    public void TryParse_ErrorQuotesTheInput()
    {
        Assert.False(Durations.TryParse("10y", out _, out var error));
        Assert.StartsWith("'10y'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WithBadInput_ThrowsFormatExceptionWithTheReason()
    {
        var error = Assert.Throws<FormatException>(() => Durations.Parse("10y"));

        Assert.Contains("unknown unit 'y'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_NeverAcceptsMoreThanTheMaximum()
    {
        var numbers = Gen.Long[0, 999_999_999];
        var units = Gen.OneOf("ms", "s", "m", "h", "d", "w");

        Gen.Select(numbers, units).Sample((number, unit) =>
        {
            if (Durations.TryParse($"{number}{unit}", out var value, out _))
            {
                Assert.InRange(value, TimeSpan.Zero, Durations.Max);
            }
        }, iter: 5_000);
    }
}
