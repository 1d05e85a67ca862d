using System.Text.Json;
using System.Text.Json.Serialization;

namespace Punctual.Client;

/// <summary>One fire of a job, or one one-shot task. <see cref="Attempts"/> is only filled by <see cref="PunctualClient.GetRunAsync"/>.</summary>
public sealed record Run
{
    public long Id { get; init; }

    /// <summary>The job's name; null for a one-shot task.</summary>
    public string? Job { get; init; }

    /// <summary>One of <see cref="RunOrigins"/>.</summary>
    public string Origin { get; init; } = "";

    /// <summary>One of <see cref="RunStates"/>.</summary>
    public string State { get; init; } = "";

    public DateTimeOffset ScheduledFor { get; init; }

    /// <summary>When the run is (next) due: the fire time with jitter, or the time of a scheduled retry.</summary>
    public DateTimeOffset DueAt { get; init; }

    public string IdempotencyKey { get; init; } = "";

    public string? TaskKey { get; init; }

    public string? Period { get; init; }

    public int AttemptCount { get; init; }

    /// <summary>How many fires this run stands for (more than 1 when one skipped run records several missed fires).</summary>
    public long FireCount { get; init; }

    /// <summary>Why the run was skipped, cancelled or died, or the last error while it retries.</summary>
    public string? Reason { get; init; }

    public int? LastStatusCode { get; init; }

    public string? LastErrorClass { get; init; }

    public DateTimeOffset? DeadlineAt { get; init; }

    public string? LeaseOwner { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>First attempt's start to the finish, in milliseconds; null while unfinished.</summary>
    public long? DurationMs { get; init; }

    /// <summary>The run's attempts, oldest first; null in listings, which do not carry them.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Attempt>? Attempts { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; init; }
}
