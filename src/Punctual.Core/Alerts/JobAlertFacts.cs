namespace Punctual.Core.Alerts;

/// <summary>A finished run as alerting sees it: dead or succeeded, newest first.</summary>
public sealed record FinishedRunFact(long RunId, bool Dead, DateTimeOffset FinishedAt, string? Reason);

/// <summary>
/// The newest scheduled fire of a job: its nominal time, when its first attempt started (null: not yet), its state
/// (run state text) and reason.
/// </summary>
public sealed record ScheduledRunFact(long RunId, DateTimeOffset ScheduledFor, DateTimeOffset? StartedAt, string State, string? Reason);

/// <summary>
/// What the store knows about one job that alerting decides by. <see cref="RecentFinished"/>: its newest dead or
/// succeeded runs, newest first (as many as the rules asked for). <see cref="LatestScheduled"/>: its newest fire
/// (origin schedule), null when none. <see cref="OldestRunningSince"/>: when the longest-running of its running runs
/// started, null when none runs.
/// </summary>
public sealed record JobAlertFacts(
    IReadOnlyList<FinishedRunFact> RecentFinished,
    ScheduledRunFact? LatestScheduled,
    DateTimeOffset? OldestRunningSince);
