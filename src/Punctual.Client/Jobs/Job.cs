using System.Text.Json;
using System.Text.Json.Serialization;

namespace Punctual.Client;

/// <summary>
/// A job as the API returns it: the normalized definition (defaults filled in) plus its state. The definition is
/// open-ended (new fields, other target kinds), so it is also kept whole in <see cref="Definition"/>; the typed
/// definition properties are a convenient view of the fields documented today.
/// </summary>
public sealed record Job
{
    public string Name { get; init; } = "";

    public string? Description { get; init; }

    /// <summary>A cron expression (5 fields, or 6 with seconds first); null when the job uses every/at or runs on demand.</summary>
    public string? Schedule { get; init; }

    /// <summary>An interval such as <c>15m</c>; null unless the job repeats on an interval.</summary>
    public string? Every { get; init; }

    public DateTimeOffset? Anchor { get; init; }

    /// <summary>The one instant a single-fire job runs at.</summary>
    public DateTimeOffset? At { get; init; }

    /// <summary>The IANA zone cron is evaluated in. Default: UTC.</summary>
    [JsonPropertyName("timezone")]
    public string TimeZone { get; init; } = "UTC";

    public string? Jitter { get; init; }

    public JobTarget? Target { get; init; }

    public string? Timeout { get; init; }

    public JobRetry? Retry { get; init; }

    public string? Overlap { get; init; }

    public string? CatchUp { get; init; }

    public string? CatchUpWindow { get; init; }

    public string? OncePer { get; init; }

    public DateTimeOffset? Start { get; init; }

    public DateTimeOffset? End { get; init; }

    public int? MaxRuns { get; init; }

    public bool PauseOnFailure { get; init; }

    /// <summary>One of <see cref="JobStates"/>.</summary>
    public string State { get; init; } = "";

    public bool Paused { get; init; }

    /// <summary>Nominal time of the next fire, or null when the job will not fire again.</summary>
    public DateTimeOffset? NextFireAt { get; init; }

    /// <summary>The next fire with jitter applied.</summary>
    public DateTimeOffset? NextDueAt { get; init; }

    public long RunsCounted { get; init; }

    public long MissedFires { get; init; }

    /// <summary>Grows on every change of the definition or pause state.</summary>
    public long Version { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The newest run of the job, or null when it never ran.</summary>
    public Run? LastRun { get; init; }

    /// <summary>
    /// The definition exactly as the server sent it (every member but the state ones above), ready to be sent back
    /// with <see cref="PunctualClient.PutJobAsync"/>. Undefined for a Job built in code rather than read.
    /// </summary>
    [JsonIgnore]
    public JsonElement Definition { get; init; }
}
