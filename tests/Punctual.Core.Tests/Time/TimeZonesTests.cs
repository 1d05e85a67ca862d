using Punctual.Core.Time;

namespace Punctual.Core.Tests.Time;

public sealed class TimeZonesTests
{
    [Theory]
    [InlineData("UTC")]
    [InlineData("Etc/UTC")]
    [InlineData("Europe/Paris")]
    [InlineData("America/New_York")]
    [InlineData("Asia/Kolkata")]
    [InlineData("Australia/Lord_Howe")]
    public void TryResolve_AcceptsIanaNames(string name)
    {
        Assert.True(TimeZones.TryResolve(name, out var zone, out var error), error);
        Assert.NotNull(zone);
    }

    [Fact]
    public void TryResolve_Utc_IsTheUtcZone()
    {
        TimeZones.TryResolve("UTC", out var zone, out _);

        Assert.Same(TimeZoneInfo.Utc, zone);
    }

    [Fact]
    public void Resolve_Paris_HasParisRules()
    {
        var zone = TimeZones.Resolve("Europe/Paris");

        Assert.Equal(TimeSpan.FromHours(1), zone.GetUtcOffset(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero)));
        Assert.Equal(TimeSpan.FromHours(2), zone.GetUtcOffset(new DateTimeOffset(2026, 7, 15, 12, 0, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData(null, "expected an IANA time zone name such as 'Europe/Paris' or 'UTC'")]
    [InlineData("", "expected an IANA time zone name")]
    [InlineData("  ", "expected an IANA time zone name")]
    [InlineData("Mars/Olympus_Mons", "'Mars/Olympus_Mons' is not a known IANA time zone (e.g. 'Europe/Paris', 'America/New_York', 'UTC')")]
    [InlineData("Europe/Pariss", "is not a known IANA time zone")]
    [InlineData("../../etc/passwd", "is not a known IANA time zone")]
    [InlineData("Europe/Paris\n", "is not a known IANA time zone")]
    public void TryResolve_RejectsUnknownNames_WithAClearReason(string? name, string reason)
    {
        Assert.False(TimeZones.TryResolve(name, out var zone, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Same(TimeZoneInfo.Utc, zone);
    }

    [Fact]
    public void Resolve_WithUnknownName_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(() => TimeZones.Resolve("Nowhere/Land"));
}
