using Punctual.Core.Overlap;
using Punctual.Core.Planning;
using Punctual.Core.Runs;
using Punctual.Storage.Sqlite.Connections;

namespace Punctual.Storage.Sqlite.Jobs;

/// <summary>The steps planning and manual triggers share: counting a job's active runs and inserting planned runs.</summary>
internal static class PlanApplication
{
    public static async Task<ActiveRuns> CountActiveAsync(Session session, long jobId, CancellationToken cancellationToken)
    {
        var counts = await session.QueryAsync(
            """
            SELECT COALESCE(SUM(state = 'running'), 0), COALESCE(SUM(state IN ('pending', 'failed')), 0)
            FROM runs
            WHERE job_id = @job AND state IN ('pending', 'running', 'failed');
            """,
            reader => new ActiveRuns(reader.GetInt32(0), reader.GetInt32(1)),
            cancellationToken,
            ("@job", jobId));
        return counts[0];
    }

    /// <summary>
    /// Inserts a planned run; returns its id, or null when the fire already has a run (a scheduled or backfilled
    /// fire's identity is (job, scheduled_for), so planning the same fire again creates nothing).
    /// A run created settled (skipped) is finished at once.
    /// </summary>
    public static async Task<long?> InsertAsync(
        Session session,
        long jobId,
        PlannedRun run,
        string? bodyOverrideJson,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var id = await session.ScalarAsync(
            """
            INSERT INTO runs (job_id, origin, scheduled_for, due_at, state, idempotency_key, body_override, period,
                              exclusive, fire_count, reason, created_at, finished_at, updated_at, gate)
            VALUES (@job, @origin, @scheduled, @due, @state, @key, @body, @period,
                    @exclusive, @fires, @reason, @now, @finished, @now, (SELECT gate FROM jobs WHERE id = @job))
            ON CONFLICT (job_id, scheduled_for) WHERE origin IN ('schedule', 'backfill') DO NOTHING
            RETURNING id;
            """,
            cancellationToken,
            ("@job", jobId),
            ("@origin", RunOrigins.ToText(run.Origin)),
            ("@scheduled", run.ScheduledFor),
            ("@due", run.DueAt),
            ("@state", RunStates.ToText(run.State)),
            ("@key", run.IdempotencyKey),
            ("@body", bodyOverrideJson),
            ("@period", run.Period),
            ("@exclusive", run.Exclusive),
            ("@fires", run.FireCount),
            ("@reason", run.Reason),
            ("@now", now),
            ("@finished", RunStates.IsFinal(run.State) ? now : null));
        return id is null ? null : Convert.ToInt64(id, System.Globalization.CultureInfo.InvariantCulture);
    }
}
