namespace Punctual.Core.Time;

/// <summary>Resolves IANA time zone names ("Europe/Paris", "UTC").</summary>
public static class TimeZones
{
    public static bool TryResolve(string? name, out TimeZoneInfo zone, out string error)
    {
        zone = TimeZoneInfo.Utc;
        error = "";
        if (string.IsNullOrWhiteSpace(name))
        {
            error = "expected an IANA time zone name such as 'Europe/Paris' or 'UTC'";
            return false;
        }

        if (name is "UTC" or "Etc/UTC")
        {
            return true;
        }

        if (TimeZoneInfo.TryFindSystemTimeZoneById(name, out var found))
        {
            zone = found;
            return true;
        }

        error = $"'{name}' is not a known IANA time zone (e.g. 'Europe/Paris', 'America/New_York', 'UTC')";
        return false;
    }

    public static TimeZoneInfo Resolve(string name) =>
        TryResolve(name, out var zone, out var error) ? zone : throw new ArgumentException(error, nameof(name));
}
