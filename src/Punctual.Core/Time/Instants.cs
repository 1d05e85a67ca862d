using System.Globalization;

namespace Punctual.Core.Time;

/// <summary>
/// Instants as users write them: ISO-8601 / RFC 3339 with an explicit offset or 'Z'.
/// A local time without an offset is refused, because it would mean a different instant on every server.
/// Everything Punctual stores and compares is UTC.
/// </summary>
public static class Instants
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mmK",
    ];

    public static bool TryParse(string? text, out DateTimeOffset value, out string error)
    {
        value = default;
        error = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "expected an ISO-8601 instant such as '2026-12-01T09:00:00Z'";
            return false;
        }

        // RFC 3339 allows lower-case 't' and 'z'.
        var s = text.Trim().ToUpperInvariant();
        var hasOffset = s.EndsWith('Z') || s.EndsWith('z') || HasNumericOffset(s);
        if (!hasOffset)
        {
            error = $"'{text}' has no offset; write it in UTC with 'Z' (e.g. '2026-12-01T09:00:00Z') or with an offset like '+01:00'";
            return false;
        }

        if (!DateTimeOffset.TryParseExact(s, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            error = $"'{text}' is not an ISO-8601 instant; expected e.g. '2026-12-01T09:00:00Z'";
            return false;
        }

        value = parsed.ToUniversalTime();
        return true;
    }

    public static DateTimeOffset Parse(string text) =>
        TryParse(text, out var value, out var error) ? value : throw new FormatException(error);

    /// <summary>Canonical UTC text: whole seconds print without a fraction, otherwise milliseconds.</summary>
    public static string Format(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return utc.Ticks % TimeSpan.TicksPerSecond == 0
            ? utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>Truncates to whole milliseconds, the precision every store keeps.</summary>
    public static DateTimeOffset ToStorePrecision(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    private static bool HasNumericOffset(string s)
    {
        // ...+01:00, ...-0500; the date part also has '-', so only look after the 'T'.
        var t = s.IndexOf('T', StringComparison.OrdinalIgnoreCase);
        if (t < 0)
        {
            return false;
        }

        var timePart = s.AsSpan(t + 1);
        return timePart.IndexOfAny('+', '-') > 0;
    }
}
