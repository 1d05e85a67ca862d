using System.Globalization;

namespace Punctual.Core.Gates;

/// <summary>Rates as users write them: <c>20/s</c>, <c>600/m</c>, <c>1000/h</c> (a whole or decimal count per unit).</summary>
public static class GateRates
{
    public static bool TryParse(string? text, out double perSecond, out string error)
    {
        perSecond = 0;
        error = "";
        var parts = text?.Split('/') ?? [];
        if (parts.Length != 2
            || !double.TryParse(parts[0], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var count)
            || count <= 0)
        {
            error = $"'{text}' is not a rate; write a count per unit such as '20/s', '600/m' or '1000/h'";
            return false;
        }

        double? seconds = parts[1] switch
        {
            "s" => 1,
            "m" => 60,
            "h" => 3_600,
            _ => null,
        };
        if (seconds is null)
        {
            error = $"'{text}' has an unknown unit '{parts[1]}'; use s, m or h";
            return false;
        }

        perSecond = count / seconds.Value;
        if (perSecond > GateLimits.MaxRatePerSecond)
        {
            error = $"'{text}' is faster than the maximum of {GateLimits.MaxRatePerSecond:0}/s";
            return false;
        }

        return true;
    }

    /// <summary>Canonical text: per second when whole, else per minute or hour when whole there, else per second with decimals.</summary>
    public static string Format(double perSecond)
    {
        if (Math.Abs(perSecond - Math.Round(perSecond)) < 1e-9)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{Math.Round(perSecond):0}/s");
        }

        var perMinute = perSecond * 60;
        if (Math.Abs(perMinute - Math.Round(perMinute)) < 1e-6)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{Math.Round(perMinute):0}/m");
        }

        var perHour = perSecond * 3_600;
        return Math.Abs(perHour - Math.Round(perHour)) < 1e-4
            ? string.Create(CultureInfo.InvariantCulture, $"{Math.Round(perHour):0}/h")
            : string.Create(CultureInfo.InvariantCulture, $"{perSecond:0.######}/s");
    }
}
