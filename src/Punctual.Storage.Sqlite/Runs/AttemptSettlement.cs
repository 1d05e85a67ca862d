using Punctual.Core.Outcomes;
using Punctual.Core.Runs;
using Punctual.Storage.Sqlite.Connections;

namespace Punctual.Storage.Sqlite.Runs;

/// <summary>
/// The end of an attempt, applied to its run only if the run is still running that attempt under that lease
/// owner: a stale worker, a node whose lease was taken over, or a completion after a cancel changes nothing.
/// Shared by completions and lease expiry.
/// </summary>
internal static class AttemptSettlement
{
    /// <summary>What ended: which attempt, held by whom, when, how, and what the run becomes.</summary>
    public sealed record Ending(
        long RunId,
        int Attempt,
        string? Owner,
        DateTimeOffset FinishedAt,
        AttemptResult Result,
        RunState NextState,
        DateTimeOffset? DueAt,
        string? Reason,
        bool PauseJob);

    /// <summary>
    /// Applies <paramref name="ending"/>; returns whether the run moved. The attempt row is closed either way
    /// (if still open and, when <paramref name="closeOnlyOwnersAttempt"/>, if it is the owner's), so what the
    /// worker saw is kept even when its result came too late to count.
    /// </summary>
    public static async Task<bool> ApplyAsync(Session session, Ending ending, bool closeOnlyOwnersAttempt, CancellationToken cancellationToken)
    {
        var moved = await session.ExecuteAsync(
            """
            UPDATE runs
            SET state = @next, due_at = COALESCE(@due, due_at), reason = @reason,
                last_status_code = @status, last_error_class = @class,
                lease_owner = NULL, lease_expires_at = NULL,
                finished_at = @finished, updated_at = @now
            WHERE id = @id AND state = 'running' AND attempt_count = @attempt AND lease_owner IS @owner;
            """,
            cancellationToken,
            ("@id", ending.RunId),
            ("@attempt", ending.Attempt),
            ("@owner", ending.Owner),
            ("@next", RunStates.ToText(ending.NextState)),
            ("@due", ending.DueAt),
            ("@reason", ending.Reason),
            ("@status", ending.Result.StatusCode),
            ("@class", ending.Result.ErrorClass),
            ("@finished", RunStates.IsFinal(ending.NextState) ? ending.FinishedAt : null),
            ("@now", ending.FinishedAt));
        var applied = moved == 1;

        await AttemptRows.CloseAsync(
            session,
            ending.RunId,
            ending.Attempt,
            closeOnlyOwnersAttempt ? ending.Owner : null,
            ending.FinishedAt,
            ending.Result,
            cancellationToken);

        if (applied && ending.PauseJob)
        {
            // pause_on_failure. Already paused: nothing changes, so the version stays.
            await session.ExecuteAsync(
                """
                UPDATE jobs SET paused = 1, version = version + 1, updated_at = @now
                WHERE id = (SELECT job_id FROM runs WHERE id = @run) AND paused = 0;
                """,
                cancellationToken,
                ("@run", ending.RunId), ("@now", ending.FinishedAt));
        }

        return applied;
    }
}
