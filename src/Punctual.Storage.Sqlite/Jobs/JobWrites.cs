using Punctual.Storage.Jobs;
using Punctual.Storage.Sqlite.Gates;
using Punctual.Storage.Sqlite.Connections;

namespace Punctual.Storage.Sqlite.Jobs;

/// <summary>
/// Single-job writes, run inside a caller's transaction so <c>apply</c> can combine many of them.
/// Refusals (not found, name taken, version changed) are results and write nothing.
/// </summary>
internal static class JobWrites
{
    public static async Task<JobWriteResult> CreateAsync(Session session, JobCreateRequest request, CancellationToken cancellationToken)
    {
        var existing = await JobRows.FindByNameAsync(session, request.Name, cancellationToken);
        if (existing is not null)
        {
            return new JobWriteResult(JobWriteStatus.AlreadyExists, existing);
        }

        if (!await GateRows.EnsureAsync(session, request.Gate, request.Now, cancellationToken))
        {
            return new JobWriteResult(JobWriteStatus.GateNotFound, null);
        }

        var id = await session.ScalarAsync(
            """
            INSERT INTO jobs (name, spec_json, paused, next_fire_at, next_due_at, runs_counted, missed_fires, version, created_at, updated_at, gate)
            VALUES (@name, @spec, 0, @nextFire, @nextDue, 0, 0, 1, @now, @now, @gate)
            RETURNING id;
            """,
            cancellationToken,
            ("@gate", request.Gate),
            ("@name", request.Name),
            ("@spec", request.SpecJson),
            ("@nextFire", request.NextFireAt),
            ("@nextDue", request.NextDueAt),
            ("@now", request.Now));
        return new JobWriteResult(JobWriteStatus.Done, await JobRows.FindByIdAsync(session, (long)id!, cancellationToken));
    }

    public static async Task<JobWriteResult> UpdateAsync(Session session, JobUpdateRequest request, CancellationToken cancellationToken)
    {
        var current = await JobRows.FindByNameAsync(session, request.Name, cancellationToken);
        if (Refusal(current, request.ExpectedVersion) is { } refused)
        {
            return refused;
        }

        if (!await GateRows.EnsureAsync(session, request.Gate, request.Now, cancellationToken))
        {
            return new JobWriteResult(JobWriteStatus.GateNotFound, current);
        }

        // Waiting runs follow the job to its new gate; running ones finish under the gate that released them.
        await session.ExecuteAsync(
            "UPDATE runs SET gate = @gate WHERE job_id = @id AND state IN ('pending', 'failed') AND gate IS NOT @gate;",
            cancellationToken,
            ("@id", current!.Id), ("@gate", request.Gate));
        await session.ExecuteAsync(
            """
            UPDATE jobs
            SET spec_json = @spec, gate = @gate,
                next_fire_at = CASE WHEN @scheduleChanged THEN @nextFire ELSE next_fire_at END,
                next_due_at = CASE WHEN @scheduleChanged THEN @nextDue ELSE next_due_at END,
                version = version + 1,
                updated_at = @now
            WHERE id = @id;
            """,
            cancellationToken,
            ("@id", current.Id),
            ("@gate", request.Gate),
            ("@spec", request.SpecJson),
            ("@scheduleChanged", request.ScheduleChanged),
            ("@nextFire", request.NextFireAt),
            ("@nextDue", request.NextDueAt),
            ("@now", request.Now));
        return new JobWriteResult(JobWriteStatus.Done, await JobRows.FindByIdAsync(session, current.Id, cancellationToken));
    }

    /// <summary>Deletes the job; its runs and their attempts go with it (ON DELETE CASCADE). Returns the job as it was.</summary>
    public static async Task<JobWriteResult> DeleteAsync(Session session, JobDeleteRequest request, CancellationToken cancellationToken)
    {
        var current = await JobRows.FindByNameAsync(session, request.Name, cancellationToken);
        if (Refusal(current, request.ExpectedVersion) is { } refused)
        {
            return refused;
        }

        await session.ExecuteAsync("DELETE FROM jobs WHERE id = @id;", cancellationToken, ("@id", current!.Id));
        return new JobWriteResult(JobWriteStatus.Done, current);
    }

    /// <summary>Pausing a paused job (or resuming a running one) changes nothing, so the version stays.</summary>
    public static async Task<JobWriteResult> SetPausedAsync(Session session, JobPauseRequest request, CancellationToken cancellationToken)
    {
        var current = await JobRows.FindByNameAsync(session, request.Name, cancellationToken);
        if (current is null)
        {
            return new JobWriteResult(JobWriteStatus.NotFound, null);
        }

        if (current.Paused == request.Paused)
        {
            return new JobWriteResult(JobWriteStatus.Done, current);
        }

        await session.ExecuteAsync(
            "UPDATE jobs SET paused = @paused, version = version + 1, updated_at = @now WHERE id = @id;",
            cancellationToken,
            ("@id", current.Id), ("@paused", request.Paused), ("@now", request.Now));
        return new JobWriteResult(JobWriteStatus.Done, await JobRows.FindByIdAsync(session, current.Id, cancellationToken));
    }

    private static JobWriteResult? Refusal(JobRecord? current, long? expectedVersion) => current switch
    {
        null => new JobWriteResult(JobWriteStatus.NotFound, null),
        _ when expectedVersion is { } expected && expected != current.Version => new JobWriteResult(JobWriteStatus.Conflict, current),
        _ => null,
    };
}
