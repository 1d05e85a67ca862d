using System.Globalization;

namespace Punctual.Core.Tests.Support;

/// <summary>Fixed instants written as text, parsed by the BCL (never by the code under test).</summary>
internal static class Utc
{
    /// <summary>Parses an ISO-8601 instant; text without an offset is taken as UTC.</summary>
    public static DateTimeOffset At(string iso) =>
        DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static DateTimeOffset? AtOrNull(string? iso) => iso is null ? null : At(iso);

    public static TimeZoneInfo Zone(string id) =>
        id == "UTC" ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(id);
}
