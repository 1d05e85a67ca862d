using System.Globalization;

namespace Punctual.Bench.Workloads;

/// <summary>Instants as the API and the idempotency keys write them.</summary>
internal static class ApiText
{
    /// <summary>ISO-8601 UTC, milliseconds only when not whole (as Punctual formats Punctual-Scheduled-For and keys).</summary>
    public static string Instant(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return utc.Ticks % TimeSpan.TicksPerSecond == 0
            ? utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>The next whole second strictly after <paramref name="instant"/>.</summary>
    public static DateTimeOffset NextWholeSecond(DateTimeOffset instant)
    {
        var ticks = instant.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerSecond) + TimeSpan.TicksPerSecond, TimeSpan.Zero);
    }

    public static string Number(int value, int digits) => value.ToString(new string('0', digits), CultureInfo.InvariantCulture);
}
