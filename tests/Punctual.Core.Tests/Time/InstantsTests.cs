using CsCheck;
using Punctual.Core.Time;
using Punctual.Core.Tests.Support;

namespace Punctual.Core.Tests.Time;

public sealed class InstantsTests
{
    [Theory]
    [InlineData("2026-12-01T09:00:00Z", "2026-12-01T09:00:00Z")]
    [InlineData("2026-12-01T10:00:00+01:00", "2026-12-01T09:00:00Z")]
    [InlineData("2026-12-01T04:00:00-05:00", "2026-12-01T09:00:00Z")]
    [InlineData("2026-12-01T09:00Z", "2026-12-01T09:00:00Z")]
    [InlineData("2026-12-01T09:00:00.5Z", "2026-12-01T09:00:00.5Z")]
    [InlineData("2026-12-01T09:00:00.1234567Z", "2026-12-01T09:00:00.1234567Z")]
    [InlineData("  2026-12-01T09:00:00Z  ", "2026-12-01T09:00:00Z")]
    [InlineData("2026-12-01T00:30:00+05:30", "2026-11-30T19:00:00Z")]
    [InlineData("2028-02-29T23:59:59Z", "2028-02-29T23:59:59Z")]
    [InlineData("2026-12-01t09:00:00z", "2026-12-01T09:00:00Z")]
    public void Parse_AcceptsIsoInstantsWithAnOffset_AndReturnsUtc(string text, string expected)
    {
        var instant = Instants.Parse(text);

        Assert.Equal(Utc.At(expected), instant);
        Assert.Equal(TimeSpan.Zero, instant.Offset);
    }

    [Theory]
    [InlineData(null, "expected an ISO-8601 instant such as '2026-12-01T09:00:00Z'")]
    [InlineData("", "expected an ISO-8601 instant")]
    [InlineData("2026-12-01T09:00:00", "has no offset; write it in UTC with 'Z' (e.g. '2026-12-01T09:00:00Z') or with an offset like '+01:00'")]
    [InlineData("2026-12-01T09:00", "has no offset")]
    [InlineData("2026-12-01", "has no offset")]
    [InlineData("tomorrow", "has no offset")]
    [InlineData("1764579600", "has no offset")]
    [InlineData("2026-02-30T00:00:00Z", "is not an ISO-8601 instant; expected e.g. '2026-12-01T09:00:00Z'")]
    [InlineData("2027-02-29T00:00:00Z", "is not an ISO-8601 instant")]
    [InlineData("2026-12-01T25:00:00Z", "is not an ISO-8601 instant")]
    [InlineData("2026-12-01 09:00:00Z", "is not an ISO-8601 instant")]
    [InlineData("2026-12-01T09:00:00+25:00", "is not an ISO-8601 instant")]
    [InlineData("01/12/2026 09:00Z", "is not an ISO-8601 instant")]
    public void TryParse_RejectsBadInput_WithAClearReason(string? text, string reason)
    {
        Assert.False(Instants.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WithoutOffset_ThrowsFormatExceptionQuotingTheInput()
    {
        var error = Assert.Throws<FormatException>(() => Instants.Parse("2026-12-01T09:00:00"));

        Assert.StartsWith("'2026-12-01T09:00:00' has no offset", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-12-01T09:00:00Z", "2026-12-01T09:00:00Z")]
    [InlineData("2026-12-01T10:00:00+01:00", "2026-12-01T09:00:00Z")]
    [InlineData("2026-12-01T09:00:00.5Z", "2026-12-01T09:00:00.500Z")]
    [InlineData("2026-12-01T09:00:00.001Z", "2026-12-01T09:00:00.001Z")]
    [InlineData("2026-12-01T09:00:00.1239999Z", "2026-12-01T09:00:00.123Z")]
    [InlineData("2026-12-01T09:00:00.0000001Z", "2026-12-01T09:00:00.000Z")]
    public void Format_WritesUtc_WithMillisecondsOnlyWhenNeeded(string instant, string expected) =>
        Assert.Equal(expected, Instants.Format(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("2026-12-01T09:00:00.1239999Z", "2026-12-01T09:00:00.123Z")]
    [InlineData("2026-12-01T09:00:00.9999999Z", "2026-12-01T09:00:00.999Z")]
    [InlineData("2026-12-01T09:00:00Z", "2026-12-01T09:00:00Z")]
    public void ToStorePrecision_TruncatesToMilliseconds(string instant, string expected)
    {
        var stored = Instants.ToStorePrecision(Utc.At(instant));

        Assert.Equal(Utc.At(expected), stored);
        Assert.Equal(TimeSpan.Zero, stored.Offset);
    }

    [Fact]
    public void ToStorePrecision_ConvertsOffsetsToUtc() =>
        Assert.Equal(TimeSpan.Zero, Instants.ToStorePrecision(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(1))).Offset);

    [Fact]
    public void Format_ThenParse_RoundTripsEveryMillisecondInstant()
    {
        var instants = Gen.Long[0, 100L * 365 * 86_400_000].Select(ms => Utc.At("2000-01-01T00:00:00Z").AddMilliseconds(ms));

        instants.Sample(instant =>
        {
            var text = Instants.Format(instant);

            Assert.Equal(instant, Instants.Parse(text));
            Assert.Equal(text, Instants.Format(Instants.Parse(text)));
        }, iter: 5_000);
    }
}
