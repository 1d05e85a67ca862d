using Punctual.Core.Planning;
using Punctual.Storage.Jobs;
using Punctual.Storage.Postgres.Connections;

namespace Punctual.Storage.Postgres.Jobs;

/// <summary>
/// One planning pass (IJobStore.PlanDueAsync) in one transaction of four round trips, whatever the batch size: take
/// the due jobs in index order (FOR NO KEY UPDATE SKIP LOCKED: two nodes plan disjoint batches and never wait for
/// each other), count their active runs (after the locks, so a trigger that committed before sees its run counted),
/// apply every plan at once, commit. Each job's next fire moves by compare-and-set on the value the plan was made
/// from, and only jobs that moved get runs; runs are inserted idempotently on (job, scheduled_for). The lock saves
/// work; the compare-and-set and the unique index make every fire exactly one run even if it did not hold.
/// </summary>
internal static class DuePlanning
{
    private const string Moved = """
        plans AS (
            SELECT * FROM unnest(@planJob::bigint[], @planExpected::timestamptz[], @planNext::timestamptz[],
                                 @planNextDue::timestamptz[], @planCounted::int[], @planMissed::bigint[], @planCancel::boolean[])
                AS p(job_id, expected, next_fire, next_due, counted, missed, cancel)
        ),
        targets AS (
            UPDATE jobs j
            SET next_fire_at = p.next_fire, next_due_at = p.next_due,
                runs_counted = j.runs_counted + p.counted, missed_fires = j.missed_fires + p.missed
            FROM plans p
            WHERE j.id = p.job_id AND NOT j.paused AND j.next_fire_at IS NOT DISTINCT FROM p.expected
            RETURNING j.id, p.cancel
        )
        """;

    private const string Outcome = """
        SELECT (SELECT count(*) FROM targets)::int,
               count(*) FILTER (WHERE state <> 'skipped')::int,
               count(*) FILTER (WHERE state = 'skipped')::int
        FROM inserted;
        """;

    private static readonly string Apply = PlanApplication.Statement(Moved, Outcome);

    public static async Task<PlanDueJobsResult> PlanAsync(
        Session session,
        PlanDueJobsRequest request,
        IFirePlanning planning,
        CancellationToken cancellationToken)
    {
        var now = request.Now;
        var due = await session.QueryInIndexOrderAsync(
            $"""
            SELECT {JobRows.Columns}
            FROM jobs j
            WHERE NOT j.paused AND j.next_due_at IS NOT NULL AND j.next_due_at <= @now
            ORDER BY j.next_due_at, j.id
            LIMIT @limit
            FOR NO KEY UPDATE SKIP LOCKED;
            """,
            JobRows.Read,
            cancellationToken,
            ("now", now), ("limit", request.Limit));
        if (due.Count == 0)
        {
            return new PlanDueJobsResult(0, 0, 0, MoreDue: false);
        }

        var active = await PlanApplication.CountActiveAsync(session, due.Select(job => job.Id).ToList(), cancellationToken);
        var plans = new List<(JobRecord Job, FirePlan Plan)>();
        foreach (var job in due)
        {
            if (planning.Plan(job, active.GetValueOrDefault(job.Id), now) is { } plan)
            {
                plans.Add((job, plan));
            }
        }

        var (planned, created, skipped) = plans.Count == 0 ? (0, 0, 0) : await ApplyAsync(session, plans, now, cancellationToken);
        return new PlanDueJobsResult(planned, created, skipped, MoreDue: due.Count == request.Limit);
    }

    private static async Task<(int Planned, int Created, int Skipped)> ApplyAsync(
        Session session,
        List<(JobRecord Job, FirePlan Plan)> plans,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var parameters = PlanApplication.Parameters(plans.SelectMany(p => p.Plan.Runs.Select(run => (p.Job.Id, run))), null, now)
            .Concat<(string Name, object? Value)>(
            [
                ("planJob", plans.Select(p => p.Job.Id).ToArray()),
                ("planExpected", plans.Select(p => p.Job.NextFireAt).ToArray()),
                ("planNext", plans.Select(p => p.Plan.NextFireAt).ToArray()),
                ("planNextDue", plans.Select(p => p.Plan.NextDueAt).ToArray()),
                ("planCounted", plans.Select(p => p.Plan.RunsCounted).ToArray()),
                ("planMissed", plans.Select(p => p.Plan.MissedFires).ToArray()),
                ("planCancel", plans.Select(p => p.Plan.CancelActiveRuns).ToArray()),
            ])
            .ToArray();
        var outcome = await session.QueryAsync(
            Apply,
            reader => (reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2)),
            cancellationToken,
            parameters);
        return outcome[0];
    }
}
