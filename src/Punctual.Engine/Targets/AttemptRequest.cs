using Punctual.Core.Targets;

namespace Punctual.Engine.Targets;

/// <summary>
/// Everything one attempt sends (or, for a command target, runs with). <see cref="BodyOverrideJson"/> (from a manual trigger) replaces the target's body;
/// <see cref="RetryOnStatus"/> lists the extra statuses the job treats as transient.
/// </summary>
public sealed record AttemptRequest(
    long RunId,
    int Attempt,
    string IdempotencyKey,
    DateTimeOffset ScheduledFor,
    string? Period,
    TargetSpec Target,
    string? BodyOverrideJson,
    TimeSpan Timeout,
    IReadOnlyCollection<int> RetryOnStatus);
