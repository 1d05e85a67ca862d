using Microsoft.Extensions.Time.Testing;
using Punctual.Cli.Tests.Support;

namespace Punctual.Cli.Tests.Commands;

public sealed class NextCommandTests
{
    [Fact]
    public async Task Next_WhenLocalTimeIsSkippedBySpringForward_FiresAtTheTransition()
    {
        var result = await CliRun.RunAsync("next", "30 2 * * *", "--tz", "Europe/Paris", "--from", "2026-03-27T12:00:00Z", "--count", "3");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["2026-03-28T01:30:00Z", "2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z"], result.OutLines);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public async Task Next_WhenLocalTimeRepeatsInFallBack_FiresOnce()
    {
        var result = await CliRun.RunAsync("next", "30 2 * * *", "--tz", "Europe/Paris", "--from", "2026-10-24T12:00:00Z", "--count", "2");

        Assert.Equal(["2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"], result.OutLines);
    }

    [Fact]
    public async Task Next_DefaultsToTenFires()
    {
        var result = await CliRun.RunAsync("next", "0 * * * *", "--tz", "UTC", "--from", "2026-01-01T00:00:00Z");

        Assert.Equal(10, result.OutLines.Length);
        Assert.Equal("2026-01-01T01:00:00Z", result.OutLines[0]);
        Assert.Equal("2026-01-01T10:00:00Z", result.OutLines[^1]);
    }

    [Fact]
    public async Task Next_SixFields_HaveSecondsFirst()
    {
        var result = await CliRun.RunAsync("next", "*/15 * * * * *", "--tz", "UTC", "--from", "2026-01-01T00:00:00Z", "--count", "2");

        Assert.Equal(["2026-01-01T00:00:15Z", "2026-01-01T00:00:30Z"], result.OutLines);
    }

    [Fact]
    public async Task Next_WithoutFrom_StartsFromTheInjectedClock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 5, 1, 8, 59, 0, TimeSpan.Zero));

        var result = await CliRun.RunAsync(TestEnvironment.Empty, clock, "next", "0 9 * * *", "--tz", "UTC", "--count", "1");

        Assert.Equal(["2026-05-01T09:00:00Z"], result.OutLines);
    }

    [Fact]
    public async Task Next_UnquotedFields_AreJoined()
    {
        var result = await CliRun.RunAsync("next", "0", "9", "*", "*", "*", "--tz", "UTC", "--from", "2026-01-01T00:00:00Z", "--count", "1");

        Assert.Equal(["2026-01-01T09:00:00Z"], result.OutLines);
    }

    [Fact]
    public async Task Next_FromWithOffset_IsConvertedToUtc()
    {
        var result = await CliRun.RunAsync("next", "0 9 * * *", "--tz", "UTC", "--from", "2026-01-01T09:30:00+01:00", "--count", "1");

        Assert.Equal(["2026-01-01T09:00:00Z"], result.OutLines);
    }

    [Theory]
    [InlineData("61 * * * *", "UTC", "2026-01-01T00:00:00Z", "10", "is not a valid cron expression")]
    [InlineData("* * *", "UTC", "2026-01-01T00:00:00Z", "10", "has 3 fields")]
    [InlineData("0 9 * * *", "Mars/Olympus", "2026-01-01T00:00:00Z", "10", "--tz: 'Mars/Olympus' is not a known IANA time zone")]
    [InlineData("0 9 * * *", "UTC", "2026-01-01T00:00:00", "10", "--from: '2026-01-01T00:00:00' has no offset")]
    [InlineData("0 9 * * *", "UTC", "yesterday", "10", "--from: ")]
    [InlineData("0 9 * * *", "UTC", "2026-01-01T00:00:00Z", "0", "--count must be between 1 and 1000, got 0")]
    [InlineData("0 9 * * *", "UTC", "2026-01-01T00:00:00Z", "1001", "--count must be between 1 and 1000, got 1001")]
    public async Task Next_BadInput_IsAUsageErrorWithAClearMessage(string expression, string zone, string from, string count, string message)
    {
        var result = await CliRun.RunAsync("next", expression, "--tz", zone, "--from", from, "--count", count);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Next_WithoutZone_IsAUsageError()
    {
        var result = await CliRun.RunAsync("next", "0 9 * * *");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--tz", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Next_NonNumericCount_IsAUsageError() =>
        Assert.Equal(2, (await CliRun.RunAsync("next", "0 9 * * *", "--tz", "UTC", "--count", "many")).ExitCode);

    [Fact]
    public async Task Next_ExpressionThatNeverFires_PrintsNothingAndSaysSo()
    {
        var result = await CliRun.RunAsync("next", "0 0 30 2 *", "--tz", "UTC", "--from", "2026-01-01T00:00:00Z");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Contains("never fires", result.Error, StringComparison.Ordinal);
    }
}
