using System.Globalization;
using System.Text;

namespace Punctual.Core.Time;

/// <summary>
/// Durations as users write them: a sequence of number+unit pairs, largest unit first
/// ("500ms", "30s", "10m", "1h30m", "1d", "2w"). Units: ms, s, m, h, d (24 h), w (7 d).
/// Calendar units (months) are deliberately absent: a month is not a fixed duration.
/// </summary>
public static class Durations
{
    private static readonly (string Unit, TimeSpan Size)[] Units =
    [
        ("w", TimeSpan.FromDays(7)),
        ("d", TimeSpan.FromDays(1)),
        ("h", TimeSpan.FromHours(1)),
        ("m", TimeSpan.FromMinutes(1)),
        ("s", TimeSpan.FromSeconds(1)),
        ("ms", TimeSpan.FromMilliseconds(1)),
    ];

    /// <summary>The longest duration accepted anywhere (about 100 years); guards arithmetic overflow.</summary>
    public static readonly TimeSpan Max = TimeSpan.FromDays(36_500);

    public static TimeSpan Parse(string text) =>
        TryParse(text, out var value, out var error) ? value : throw new FormatException(error);

    /// <summary>Parses a duration; on failure <paramref name="error"/> says why in words a user understands.</summary>
    public static bool TryParse(string? text, out TimeSpan value, out string error)
    {
        value = TimeSpan.Zero;
        error = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "expected a duration such as '30s', '10m', '1h30m' or '1d'";
            return false;
        }

        var s = text.Trim();
        var total = TimeSpan.Zero;
        var position = 0;
        var lastUnitIndex = -1;
        while (position < s.Length)
        {
            var numberStart = position;
            while (position < s.Length && char.IsAsciiDigit(s[position]))
            {
                position++;
            }

            if (position == numberStart)
            {
                error = NotADuration(text);
                return false;
            }

            // 18 digits always fit in a long; anything longer is far beyond Max whatever the unit.
            var digits = position - numberStart;
            var number = digits <= 18 ? long.Parse(s.AsSpan(numberStart, digits), CultureInfo.InvariantCulture) : long.MaxValue;
            var unitStart = position;
            while (position < s.Length && char.IsAsciiLetterLower(s[position]))
            {
                position++;
            }

            var unit = s[unitStart..position];
            var unitIndex = Array.FindIndex(Units, u => u.Unit == unit);
            if (unitIndex < 0)
            {
                error = unit.Length == 0 && position < s.Length
                    ? NotADuration(text)
                    : unit.Length == 0
                        ? $"'{text}' has a number without a unit; add one of ms, s, m, h, d, w (e.g. '{number}s')"
                        : $"'{text}' has an unknown unit '{unit}'; use ms, s, m, h, d or w";
                return false;
            }

            if (unitIndex <= lastUnitIndex)
            {
                error = $"'{text}' repeats or misorders units; write the largest unit first, each once (e.g. '1h30m')";
                return false;
            }

            lastUnitIndex = unitIndex;
            // Compare before multiplying: number · unit can overflow a long and wrap to a small or negative value.
            if (number > (Max - total).Ticks / Units[unitIndex].Size.Ticks)
            {
                error = $"'{text}' is longer than the maximum of {Format(Max)}";
                return false;
            }

            total += TimeSpan.FromTicks(number * Units[unitIndex].Size.Ticks);
        }

        value = total;
        return true;
    }

    private static string NotADuration(string text) =>
        $"'{text}' is not a duration; expected forms like '30s', '10m', '1h30m', '1d' (units: ms, s, m, h, d, w)";

    /// <summary>Canonical text for a duration: largest units first, zero parts omitted ("1h30m", "0s").</summary>
    public static string Format(TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Durations are never negative.");
        }

        if (value == TimeSpan.Zero)
        {
            return "0s";
        }

        var builder = new StringBuilder();
        var rest = value;
        foreach (var (unit, size) in Units)
        {
            var count = rest.Ticks / size.Ticks;
            if (count > 0)
            {
                builder.Append(count.ToString(CultureInfo.InvariantCulture)).Append(unit);
                rest -= TimeSpan.FromTicks(count * size.Ticks);
            }
        }

        // Sub-millisecond remainders cannot be written back; they never come from Parse.
        return builder.Length == 0 ? "0s" : builder.ToString();
    }
}
