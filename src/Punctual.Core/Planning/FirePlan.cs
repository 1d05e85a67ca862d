using Punctual.Core.Runs;

namespace Punctual.Core.Planning;

/// <summary>
/// A run the planner wants created. <see cref="State"/> is pending or skipped. A skipped run may stand for
/// several fires (<see cref="FireCount"/> &gt; 1) when a long outage would otherwise write one row per missed fire.
/// </summary>
public sealed record PlannedRun(
    RunOrigin Origin,
    DateTimeOffset ScheduledFor,
    DateTimeOffset DueAt,
    RunState State,
    string? Reason,
    long FireCount,
    string? Period,
    string IdempotencyKey,
    bool Exclusive);

/// <summary>
/// What one planning pass does to one job, applied atomically by the store: create <see cref="Runs"/>
/// (idempotently on (job, scheduled_for)), cancel the job's active runs when <see cref="CancelActiveRuns"/>,
/// and move the job's next fire to <see cref="NextFireAt"/> (null: the schedule is exhausted).
/// </summary>
public sealed record FirePlan(
    IReadOnlyList<PlannedRun> Runs,
    bool CancelActiveRuns,
    DateTimeOffset? NextFireAt,
    DateTimeOffset? NextDueAt,
    int RunsCounted,
    long MissedFires)
{
    public static string CancelledByReplaceReason => "overlap replace: a newer fire replaced this run";
}
