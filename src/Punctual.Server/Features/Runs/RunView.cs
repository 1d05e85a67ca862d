using Punctual.Core.Runs;
using Punctual.Storage.Runs;

namespace Punctual.Server.Features.Runs;

/// <summary>A run as the API shows it (docs/api.md). Instants are UTC; durations in milliseconds.</summary>
public sealed record RunView(
    long Id,
    string? Job,
    string Origin,
    string State,
    DateTimeOffset ScheduledFor,
    DateTimeOffset DueAt,
    string IdempotencyKey,
    string? TaskKey,
    string? Period,
    int AttemptCount,
    long FireCount,
    string? Reason,
    int? LastStatusCode,
    string? LastErrorClass,
    DateTimeOffset? DeadlineAt,
    string? LeaseOwner,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    long? DurationMs,
    IReadOnlyList<AttemptView>? Attempts)
{
    public static RunView From(RunRecord run, IReadOnlyList<AttemptRecord>? attempts = null) => new(
        run.Id,
        run.JobName,
        RunOrigins.ToText(run.Origin),
        RunStates.ToText(run.State),
        run.ScheduledFor,
        run.DueAt,
        run.IdempotencyKey,
        run.TaskKey,
        run.Period,
        run.AttemptCount,
        run.FireCount,
        run.Reason,
        run.LastStatusCode,
        run.LastErrorClass,
        run.DeadlineAt,
        run.LeaseOwner,
        run.CreatedAt,
        run.StartedAt,
        run.FinishedAt,
        run.StartedAt is { } started && run.FinishedAt is { } finished ? (long)(finished - started).TotalMilliseconds : null,
        attempts?.Select(AttemptView.From).ToList());
}

public sealed record AttemptView(
    int Number,
    string Node,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    long? DurationMs,
    string? Outcome,
    int? StatusCode,
    string? ErrorClass,
    string? Error,
    string? ResponseExcerpt)
{
    public static AttemptView From(AttemptRecord attempt) => new(
        attempt.Number,
        attempt.Node,
        attempt.StartedAt,
        attempt.FinishedAt,
        attempt.FinishedAt is { } finished ? (long)(finished - attempt.StartedAt).TotalMilliseconds : null,
        attempt.Outcome,
        attempt.StatusCode,
        attempt.ErrorClass,
        attempt.Error,
        attempt.ResponseExcerpt);
}

public sealed record RunPageView(IReadOnlyList<RunView> Items, string? NextCursor);
