using Punctual.Core.Outcomes;
using Punctual.Storage.Postgres.Connections;

namespace Punctual.Storage.Postgres.Runs;

/// <summary>
/// Moves a run to cancelled: the lease is cleared (so the node's next renewal reports the run lost) and an attempt
/// still in flight is closed as cancelled, so history never shows an attempt that seems to run forever. Callers
/// check that the move is allowed (RunStateMachine.CanCancel). Planning's replacements do the same in bulk
/// (PlanApplication).
/// </summary>
internal static class RunCancellation
{
    public const string AttemptOutcome = "cancelled";

    public static Task CancelAsync(Session session, long runId, string reason, DateTimeOffset now, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            """
            WITH closed AS (
                UPDATE attempts
                SET finished_at = @now, outcome = @outcome, error_class = @class, error = @reason
                WHERE run_id = @run AND finished_at IS NULL
            )
            UPDATE runs
            SET state = 'cancelled', reason = @reason, finished_at = @now, lease_owner = NULL, lease_expires_at = NULL, updated_at = @now
            WHERE id = @run;
            """,
            cancellationToken,
            ("run", runId), ("now", now), ("outcome", AttemptOutcome), ("class", ErrorClasses.Cancelled), ("reason", reason));
}
