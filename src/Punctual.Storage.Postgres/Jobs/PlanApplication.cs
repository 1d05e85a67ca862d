using Punctual.Core.Outcomes;
using Punctual.Core.Overlap;
using Punctual.Core.Planning;
using Punctual.Core.Runs;
using Punctual.Storage.Postgres.Connections;
using Punctual.Storage.Postgres.Runs;
using Punctual.Storage.Runs;

namespace Punctual.Storage.Postgres.Jobs;

/// <summary>
/// What planning and manual triggers share: active-run counts for a batch of locked jobs (one grouped query), and
/// applying plans in ONE statement whatever their number — data-modifying CTEs over unnest arrays that cancel the
/// runs a plan replaces, close their attempts and insert the planned runs. The cancel works on the statement's
/// snapshot, so it never touches the runs the same statement inserts. Scheduled and backfilled runs are inserted
/// with ON CONFLICT on the fire identity (job, scheduled_for): planning a fire again creates nothing.
/// </summary>
internal static class PlanApplication
{
    /// <summary>Everything after the <c>targets(id, cancel)</c> CTE: the jobs whose plans apply, and whether they replace.</summary>
    private const string Tail = """
        cancelled AS (
            UPDATE runs r
            SET state = 'cancelled', reason = @cancelReason, finished_at = @now, lease_owner = NULL, lease_expires_at = NULL, updated_at = @now
            FROM targets t
            WHERE t.cancel AND r.job_id = t.id AND r.state IN ('pending', 'running', 'failed')
            RETURNING r.id
        ),
        closed AS (
            UPDATE attempts a
            SET finished_at = @now, outcome = @cancelOutcome, error_class = @cancelClass, error = @cancelReason
            FROM cancelled c
            WHERE a.run_id = c.id AND a.finished_at IS NULL
        ),
        inserted AS (
            INSERT INTO runs (job_id, origin, scheduled_for, due_at, state, idempotency_key, body_override, period,
                              exclusive, fire_count, reason, created_at, finished_at, updated_at, gate)
            SELECT n.job_id, n.origin, n.scheduled_for, n.due_at, n.state, n.idempotency_key, @body::text, n.period,
                   n.exclusive, n.fire_count, n.reason, @now, n.finished_at, @now, (SELECT g.gate FROM jobs g WHERE g.id = n.job_id)
            FROM unnest(@runJob::bigint[], @runOrigin::text[], @runScheduled::timestamptz[], @runDue::timestamptz[],
                        @runState::text[], @runKey::text[], @runPeriod::text[], @runExclusive::boolean[],
                        @runFires::bigint[], @runReason::text[], @runFinished::timestamptz[])
                 WITH ORDINALITY AS n(job_id, origin, scheduled_for, due_at, state, idempotency_key, period,
                                      exclusive, fire_count, reason, finished_at, ord)
            WHERE n.job_id IN (SELECT id FROM targets)
            ORDER BY n.ord
            ON CONFLICT (job_id, scheduled_for) WHERE origin IN ('schedule', 'backfill') DO NOTHING
            RETURNING *
        )
        """;

    /// <summary>Active runs (running; pending or failed) of each job in <paramref name="jobIds"/>, read after their rows were locked.</summary>
    public static async Task<Dictionary<long, ActiveRuns>> CountActiveAsync(Session session, IReadOnlyCollection<long> jobIds, CancellationToken cancellationToken)
    {
        var counts = await session.QueryAsync(
            """
            SELECT job_id, count(*) FILTER (WHERE state = 'running')::int, count(*) FILTER (WHERE state <> 'running')::int
            FROM runs
            WHERE job_id = ANY(@jobs) AND state IN ('pending', 'running', 'failed')
            GROUP BY job_id;
            """,
            reader => (Job: reader.GetInt64(0), Active: new ActiveRuns(reader.GetInt32(1), reader.GetInt32(2))),
            cancellationToken,
            ("jobs", jobIds.ToArray()));
        return counts.ToDictionary(row => row.Job, row => row.Active);
    }

    /// <summary>
    /// The statement applying plans: <paramref name="targets"/> defines the CTE <c>targets(id, cancel)</c> (the jobs
    /// whose plans apply), <paramref name="select"/> reads the outcome from <c>inserted</c> (and <c>targets</c>).
    /// </summary>
    public static string Statement(string targets, string select) => $"WITH {targets},\n{Tail}\n{select}";

    /// <summary>The parameters of <see cref="Statement"/>: the planned runs of every job, and what a replacement writes.</summary>
    public static (string Name, object? Value)[] Parameters(
        IEnumerable<(long JobId, PlannedRun Run)> runs,
        string? bodyOverrideJson,
        DateTimeOffset now)
    {
        var all = runs.ToList();
        return
        [
            ("now", now),
            ("body", bodyOverrideJson),
            ("cancelReason", FirePlan.CancelledByReplaceReason),
            ("cancelOutcome", RunCancellation.AttemptOutcome),
            ("cancelClass", ErrorClasses.Cancelled),
            ("runJob", all.Select(r => r.JobId).ToArray()),
            ("runOrigin", all.Select(r => RunOrigins.ToText(r.Run.Origin)).ToArray()),
            ("runScheduled", all.Select(r => r.Run.ScheduledFor).ToArray()),
            ("runDue", all.Select(r => r.Run.DueAt).ToArray()),
            ("runState", all.Select(r => RunStates.ToText(r.Run.State)).ToArray()),
            ("runKey", all.Select(r => r.Run.IdempotencyKey).ToArray()),
            ("runPeriod", all.Select(r => r.Run.Period).ToArray()),
            ("runExclusive", all.Select(r => r.Run.Exclusive).ToArray()),
            ("runFires", all.Select(r => r.Run.FireCount).ToArray()),
            ("runReason", all.Select(r => r.Run.Reason).ToArray()),
            ("runFinished", all.Select(r => RunStates.IsFinal(r.Run.State) ? now : (DateTimeOffset?)null).ToArray()),
        ];
    }
}
