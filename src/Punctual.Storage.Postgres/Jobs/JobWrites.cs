using Punctual.Storage.Jobs;
using Punctual.Storage.Postgres.Connections;
using Punctual.Storage.Postgres.Gates;

namespace Punctual.Storage.Postgres.Jobs;

/// <summary>
/// Single-job writes, each one conditional statement, so they work alone (autocommit) or inside <c>apply</c>'s
/// transaction. Refusals (not found, name taken, version changed) are results and write nothing; the statement
/// that refused is followed by a read that says why.
/// </summary>
internal static class JobWrites
{
    public static async Task<JobWriteResult> CreateAsync(Session session, JobCreateRequest request, CancellationToken cancellationToken)
    {
        if (!await GateRows.EnsureAsync(session, request.Gate, request.Now, cancellationToken))
        {
            return new JobWriteResult(JobWriteStatus.GateNotFound, null);
        }

        // ON CONFLICT rather than check-then-insert: two nodes creating one name at once end with one job, and the
        // loser's read (a new statement, so a new snapshot) sees the winner's.
        var created = await session.QuerySingleAsync(
            $"""
            INSERT INTO jobs AS j (name, spec_json, paused, next_fire_at, next_due_at, runs_counted, missed_fires, version, created_at, updated_at, gate)
            VALUES (@name, @spec, false, @nextFire, @nextDue, 0, 0, 1, @now, @now, @gate)
            ON CONFLICT (name) DO NOTHING
            RETURNING {JobRows.Columns};
            """,
            JobRows.Read,
            cancellationToken,
            ("name", request.Name),
            ("spec", request.SpecJson),
            ("nextFire", request.NextFireAt),
            ("nextDue", request.NextDueAt),
            ("now", request.Now),
            ("gate", request.Gate));
        return created is not null
            ? new JobWriteResult(JobWriteStatus.Done, created)
            : new JobWriteResult(JobWriteStatus.AlreadyExists, await JobRows.FindByNameAsync(session, request.Name, cancellationToken));
    }

    public static async Task<JobWriteResult> UpdateAsync(Session session, JobUpdateRequest request, CancellationToken cancellationToken)
    {
        if (!await GateRows.EnsureAsync(session, request.Gate, request.Now, cancellationToken))
        {
            return new JobWriteResult(JobWriteStatus.GateNotFound, await JobRows.FindByNameAsync(session, request.Name, cancellationToken));
        }

        // Waiting runs follow the job to its new gate (same statement); running ones finish under the gate that released them.
        var updated = await session.QuerySingleAsync(
            $"""
            WITH moved AS (
                UPDATE runs r SET gate = @gate
                FROM jobs mj
                WHERE mj.name = @name AND (@expected::bigint IS NULL OR mj.version = @expected::bigint)
                  AND r.job_id = mj.id AND r.state IN ('pending', 'failed') AND r.gate IS DISTINCT FROM @gate
            )
            UPDATE jobs j
            SET spec_json = @spec, gate = @gate,
                next_fire_at = CASE WHEN @scheduleChanged THEN @nextFire::timestamptz ELSE j.next_fire_at END,
                next_due_at = CASE WHEN @scheduleChanged THEN @nextDue::timestamptz ELSE j.next_due_at END,
                version = j.version + 1,
                updated_at = @now
            WHERE j.name = @name AND (@expected::bigint IS NULL OR j.version = @expected::bigint)
            RETURNING {JobRows.Columns};
            """,
            JobRows.Read,
            cancellationToken,
            ("name", request.Name),
            ("spec", request.SpecJson),
            ("scheduleChanged", request.ScheduleChanged),
            ("nextFire", request.NextFireAt),
            ("nextDue", request.NextDueAt),
            ("expected", request.ExpectedVersion),
            ("now", request.Now),
            ("gate", request.Gate));
        return updated is not null ? new JobWriteResult(JobWriteStatus.Done, updated) : await RefusalAsync(session, request.Name, cancellationToken);
    }

    /// <summary>Deletes the job; its runs and their attempts go with it (ON DELETE CASCADE). Returns the job as it was.</summary>
    public static async Task<JobWriteResult> DeleteAsync(Session session, JobDeleteRequest request, CancellationToken cancellationToken)
    {
        var deleted = await session.QuerySingleAsync(
            $"""
            DELETE FROM jobs j
            WHERE j.name = @name AND (@expected::bigint IS NULL OR j.version = @expected::bigint)
            RETURNING {JobRows.Columns};
            """,
            JobRows.Read,
            cancellationToken,
            ("name", request.Name),
            ("expected", request.ExpectedVersion));
        return deleted is not null ? new JobWriteResult(JobWriteStatus.Done, deleted) : await RefusalAsync(session, request.Name, cancellationToken);
    }

    /// <summary>Pausing a paused job (or resuming a running one) changes nothing, so the version stays.</summary>
    public static async Task<JobWriteResult> SetPausedAsync(Session session, JobPauseRequest request, CancellationToken cancellationToken)
    {
        var changed = await session.QuerySingleAsync(
            $"""
            UPDATE jobs j SET paused = @paused, version = j.version + 1, updated_at = @now
            WHERE j.name = @name AND j.paused <> @paused
            RETURNING {JobRows.Columns};
            """,
            JobRows.Read,
            cancellationToken,
            ("name", request.Name), ("paused", request.Paused), ("now", request.Now));
        if (changed is not null)
        {
            return new JobWriteResult(JobWriteStatus.Done, changed);
        }

        var current = await JobRows.FindByNameAsync(session, request.Name, cancellationToken);
        return current is null ? new JobWriteResult(JobWriteStatus.NotFound, null) : new JobWriteResult(JobWriteStatus.Done, current);
    }

    /// <summary>Why a conditional write of job <paramref name="name"/> matched nothing: it is gone, or its version moved on.</summary>
    private static async Task<JobWriteResult> RefusalAsync(Session session, string name, CancellationToken cancellationToken)
    {
        var current = await JobRows.FindByNameAsync(session, name, cancellationToken);
        return current is null ? new JobWriteResult(JobWriteStatus.NotFound, null) : new JobWriteResult(JobWriteStatus.Conflict, current);
    }
}
