using Punctual.Core.Jobs;
using Punctual.Core.Overlap;
using Punctual.Core.Planning;
using Punctual.Core.Runs;
using Punctual.Core.Scheduling;
using Punctual.Core.Time;

namespace Punctual.Core.Backfill;

/// <summary>
/// Plans a backfill: one pending run for every fire of the job's schedule in [from, to]. The runs share the identity
/// and idempotency key of the scheduled fire they stand for, so a fire that already has a run (scheduled, caught up
/// or backfilled before) is not doubled when the store inserts them. Like catch_up all, backfilled runs queue
/// whatever the overlap policy says (an exclusive job runs them one after another) and are due at the fire's own due
/// time, all in the past: they go through the job's gate oldest first. The job's start, end and max_runs do not
/// limit a backfill — the range is the operator's explicit choice.
/// </summary>
public static class BackfillPlanner
{
    /// <summary>The most fires one backfill may create; a larger range must be split (it would be one huge transaction).</summary>
    public const int MaxFires = 100_000;

    public static BackfillPlan Plan(JobDefinition definition, Schedule schedule, BackfillRange range)
    {
        var runs = new List<PlannedRun>();
        var fire = schedule.NextFrom(range.From);
        while (fire is { } f && f <= range.To)
        {
            if (runs.Count == MaxFires)
            {
                return new BackfillPlan(runs, Truncated: true);
            }

            runs.Add(new PlannedRun(
                RunOrigin.Backfill,
                f,
                FirePlanner.DueAt(definition, f),
                RunState.Pending,
                null,
                1,
                definition.OncePer?.PeriodOf(f, definition.Zone).Label,
                IdempotencyKeys.ForFire(definition.Name, f),
                OverlapPolicies.IsExclusive(definition.Overlap)));
            fire = schedule.NextAfter(f);
        }

        return new BackfillPlan(runs, Truncated: false);
    }
}

/// <summary>The fires to create, oldest first; <see cref="Truncated"/>: the range holds more than <see cref="BackfillPlanner.MaxFires"/>.</summary>
public sealed record BackfillPlan(IReadOnlyList<PlannedRun> Runs, bool Truncated);

/// <summary>A backfill's range of fire times, both ends included, at store precision (milliseconds).</summary>
public sealed record BackfillRange
{
    private BackfillRange(DateTimeOffset from, DateTimeOffset to)
    {
        From = from;
        To = to;
    }

    public DateTimeOffset From { get; }

    public DateTimeOffset To { get; }

    /// <summary>
    /// Validates a range asked for at <paramref name="now"/>: <paramref name="from"/> before <paramref name="to"/>, and
    /// <paramref name="to"/> not in the future (future fires are the scheduler's). Returns null and an error otherwise.
    /// </summary>
    public static BackfillRange? TryCreate(DateTimeOffset from, DateTimeOffset to, DateTimeOffset now, out string? error)
    {
        from = Instants.ToStorePrecision(from);
        to = Instants.ToStorePrecision(to);
        error = from >= to
            ? $"'from' ({Instants.Format(from)}) must be before 'to' ({Instants.Format(to)})."
            : to > now
                ? $"'to' ({Instants.Format(to)}) is in the future; a backfill covers fires that are already due (now is {Instants.Format(Instants.ToStorePrecision(now))})."
                : null;
        return error is null ? new BackfillRange(from, to) : null;
    }
}
