namespace Punctual.Storage.Conformance.Seeding;

/// <summary>The fixed instants tests speak in: <see cref="T0"/> and whole minutes or seconds after it.</summary>
public static class At
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset Minute(double minutes) => T0.AddMinutes(minutes);

    public static DateTimeOffset Second(double seconds) => T0.AddSeconds(seconds);
}
