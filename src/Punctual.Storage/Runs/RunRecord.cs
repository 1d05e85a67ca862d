using Punctual.Core.Runs;

namespace Punctual.Storage.Runs;

/// <summary>
/// A stored run. <see cref="JobName"/> is null for tasks. <see cref="Reason"/> holds why a run was skipped,
/// cancelled or died, or the last attempt's error while it retries. <see cref="AttemptBase"/> is the attempt
/// count when the current retry cycle began (a replay starts a new cycle). <see cref="FireCount"/> &gt; 1 when one
/// skipped row stands for several fires.
/// </summary>
public sealed record RunRecord(
    long Id,
    long? JobId,
    string? JobName,
    RunOrigin Origin,
    DateTimeOffset ScheduledFor,
    DateTimeOffset DueAt,
    RunState State,
    string IdempotencyKey,
    string? TaskKey,
    string? Period,
    bool Exclusive,
    int AttemptCount,
    int AttemptBase,
    long FireCount,
    string? LeaseOwner,
    DateTimeOffset? LeaseExpiresAt,
    DateTimeOffset? DeadlineAt,
    string? Reason,
    int? LastStatusCode,
    string? LastErrorClass,
    string? BodyOverrideJson,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    DateTimeOffset UpdatedAt,
    string? Gate = null);

/// <summary>
/// One try of a run. <see cref="Outcome"/> is null while in flight, else succeeded, transient or permanent
/// (the AttemptOutcome, lower-case).
/// </summary>
public sealed record AttemptRecord(
    long RunId,
    int Number,
    string Node,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    string? Outcome,
    int? StatusCode,
    string? ErrorClass,
    string? Error,
    string? ResponseExcerpt);

public sealed record RunDetail(RunRecord Run, IReadOnlyList<AttemptRecord> Attempts);

/// <summary>A page of runs, newest first; <see cref="NextCursor"/> continues after the last item (null at the end).</summary>
public sealed record RunPage(IReadOnlyList<RunRecord> Items, long? NextCursor);
