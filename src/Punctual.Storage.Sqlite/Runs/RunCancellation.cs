using Punctual.Core.Outcomes;
using Punctual.Storage.Sqlite.Connections;

namespace Punctual.Storage.Sqlite.Runs;

/// <summary>
/// Moves runs to cancelled: the lease is cleared (so the node's next renewal reports the run lost) and an attempt
/// still in flight is closed as cancelled, so history never shows an attempt that seems to run forever.
/// Callers check that the move is allowed (RunStateMachine.CanCancel).
/// </summary>
internal static class RunCancellation
{
    public const string AttemptOutcome = "cancelled";

    public static async Task CancelAsync(Session session, long runId, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await session.ExecuteAsync(
            """
            UPDATE attempts
            SET finished_at = @now, outcome = @outcome, error_class = @class, error = @reason
            WHERE run_id = @run AND finished_at IS NULL;
            """,
            cancellationToken,
            ("@run", runId), ("@now", now), ("@outcome", AttemptOutcome), ("@class", ErrorClasses.Cancelled), ("@reason", reason));
        await session.ExecuteAsync(
            """
            UPDATE runs
            SET state = 'cancelled', reason = @reason, finished_at = @now, lease_owner = NULL, lease_expires_at = NULL, updated_at = @now
            WHERE id = @run;
            """,
            cancellationToken,
            ("@run", runId), ("@now", now), ("@reason", reason));
    }

    /// <summary>Cancels every active run (pending, running, failed) of a job; returns how many.</summary>
    public static async Task<int> CancelActiveRunsOfJobAsync(Session session, long jobId, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await session.ExecuteAsync(
            """
            UPDATE attempts
            SET finished_at = @now, outcome = @outcome, error_class = @class, error = @reason
            WHERE finished_at IS NULL
              AND run_id IN (SELECT id FROM runs WHERE job_id = @job AND state IN ('pending', 'running', 'failed'));
            """,
            cancellationToken,
            ("@job", jobId), ("@now", now), ("@outcome", AttemptOutcome), ("@class", ErrorClasses.Cancelled), ("@reason", reason));
        return await session.ExecuteAsync(
            """
            UPDATE runs
            SET state = 'cancelled', reason = @reason, finished_at = @now, lease_owner = NULL, lease_expires_at = NULL, updated_at = @now
            WHERE job_id = @job AND state IN ('pending', 'running', 'failed');
            """,
            cancellationToken,
            ("@job", jobId), ("@now", now), ("@reason", reason));
    }
}
