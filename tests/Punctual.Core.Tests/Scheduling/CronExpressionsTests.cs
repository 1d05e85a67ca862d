using Punctual.Core.Scheduling;

namespace Punctual.Core.Tests.Scheduling;

public sealed class CronExpressionsTests
{
    [Theory]
    [InlineData("0 9 * * *")]
    [InlineData("  0   9 * *   * ")]
    [InlineData("*/10 * * * * *")]
    [InlineData("0 0 9 ? * MON-FRI")]
    [InlineData("@daily")]
    [InlineData("@hourly")]
    [InlineData("@weekly")]
    [InlineData("@monthly")]
    [InlineData("@yearly")]
    [InlineData("0 9 L * *")]
    [InlineData("0 9 15W * *")]
    [InlineData("0 9 LW * *")]
    [InlineData("0 9 * * MON#2")]
    [InlineData("0 9 * JAN,JUL SUN")]
    public void TryParse_AcceptsValidExpressions(string expression)
    {
        Assert.True(CronExpressions.TryParse(expression, out _, out var error), error);
        Assert.Equal("", error);
    }

    [Theory]
    [InlineData(null, "expected a cron expression")]
    [InlineData("", "expected a cron expression")]
    [InlineData("   ", "expected a cron expression")]
    [InlineData("0 9 * *", "has 4 fields")]
    [InlineData("0 0 9 * * * 2026", "has 7 fields")]
    [InlineData("daily", "has 1 fields")]
    [InlineData("61 * * * *", "is not a valid cron expression")]
    [InlineData("0 25 * * *", "is not a valid cron expression")]
    [InlineData("0 9 32 * *", "is not a valid cron expression")]
    [InlineData("0 9 * 13 *", "is not a valid cron expression")]
    [InlineData("0 9 * * MON#6", "is not a valid cron expression")]
    [InlineData("0 9 * * FUNDAY", "is not a valid cron expression")]
    [InlineData("@sometimes", "is not a valid cron expression")]
    [InlineData("a b c d e", "is not a valid cron expression")]
    [InlineData("60 * * * * *", "is not a valid cron expression")]
    public void TryParse_RejectsMalformedExpressions_WithAReason(string? expression, string reason)
    {
        Assert.False(CronExpressions.TryParse(expression, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_WithWrongFieldCount_ExplainsBothForms()
    {
        CronExpressions.TryParse("0 9 * *", out _, out var error);

        Assert.Contains("5 (minute hour day-of-month month day-of-week)", error, StringComparison.Ordinal);
        Assert.Contains("6 (seconds first)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WithMalformedExpression_ThrowsFormatException() =>
        Assert.Throws<FormatException>(() => CronExpressions.Parse("not cron at all"));

    [Fact]
    public void Bind_WithMalformedExpression_Throws() =>
        Assert.Throws<FormatException>(() => new CronSpec("0 9 * *").Bind(TimeZoneInfo.Utc, default));
}
