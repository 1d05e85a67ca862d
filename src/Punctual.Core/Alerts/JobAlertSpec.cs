namespace Punctual.Core.Alerts;

/// <summary>
/// A job's <c>alert:</c> block, normalized. <see cref="On"/> lists the kinds that open incidents (sorted, distinct),
/// <see cref="Channels"/> where they go. <see cref="AfterFailures"/> dead runs in a row open a dead incident.
/// <see cref="MissedAfter"/> is how late a fire may start before it counts as missed; <see cref="MaxDuration"/> how long
/// a run may run before the job counts as slow (required for <c>slow</c>); <see cref="Repeat"/> re-sends an open
/// incident's alert at that interval (null: once).
/// </summary>
public sealed record JobAlertSpec(
    IReadOnlyList<AlertKind> On,
    IReadOnlyList<string> Channels,
    int AfterFailures,
    TimeSpan MissedAfter,
    TimeSpan? MaxDuration,
    TimeSpan? Repeat)
{
    /// <summary>Default <c>on</c>: dead runs only.</summary>
    public static readonly IReadOnlyList<AlertKind> DefaultOn = [AlertKind.Dead];

    /// <summary>Default <c>missed_after</c>: 5 minutes.</summary>
    public static readonly TimeSpan DefaultMissedAfter = TimeSpan.FromMinutes(5);

    public bool Watches(AlertKind kind) => On.Contains(kind);
}
