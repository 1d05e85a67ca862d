using Punctual.Core.CatchUp;
using Punctual.Core.Gates;
using Punctual.Core.OncePer;
using Punctual.Core.Overlap;
using Punctual.Core.Retries;
using Punctual.Core.Scheduling;
using Punctual.Core.Targets;
using Punctual.Core.Time;

namespace Punctual.Core.Jobs;

/// <summary>
/// A job as its owner declares it (config file or API), normalized: every default filled in.
/// Operational state (paused, next fire, counters) is not part of the definition.
/// </summary>
public sealed record JobDefinition(
    string Name,
    string? Description,
    ScheduleSpec? Schedule,
    string TimeZone,
    TimeSpan Jitter,
    TargetSpec Target,
    TimeSpan Timeout,
    RetryPolicy Retry,
    OverlapPolicy Overlap,
    CatchUpPolicy CatchUp,
    TimeSpan CatchUpWindow,
    OncePerPeriod? OncePer,
    DateTimeOffset? Start,
    DateTimeOffset? End,
    int? MaxRuns,
    bool PauseOnFailure,
    string? Gate = null,
    Alerts.JobAlertSpec? Alert = null)
{
    /// <summary>Default per-attempt timeout: 30 seconds.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Longest per-attempt timeout: 1 hour (longer work belongs in async runs).</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromHours(1);

    public TimeZoneInfo Zone => TimeZones.Resolve(TimeZone);

    /// <summary>
    /// The gate this job's attempts go through: the named one, else (HTTP) its target host's default gate. A command
    /// job without a named gate has none: host gates protect endpoints, and a command calls none.
    /// </summary>
    public string? GateName => Target is HttpTargetSpec http ? GateNames.For(Gate, http.Url) : Gate;

    /// <summary>The computable schedule, or null for an on-demand job.</summary>
    public Schedule? BindSchedule(DateTimeOffset createdAt) => Schedule?.Bind(Zone, createdAt);
}
