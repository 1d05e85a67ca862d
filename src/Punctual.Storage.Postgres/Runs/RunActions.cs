using Punctual.Core.Runs;
using Punctual.Storage.Postgres.Connections;
using Punctual.Storage.Runs;

namespace Punctual.Storage.Postgres.Runs;

/// <summary>
/// Operator actions on one run: cancel and replay, each allowed only from the states the state machine names. The
/// run's row is locked while the state is checked and changed, so a claim or a completion on another node cannot
/// slip in between.
/// </summary>
internal static class RunActions
{
    public static async Task<RunActionResult> CancelAsync(Session session, CancelRequest request, CancellationToken cancellationToken)
    {
        var run = await RunRows.FindAsync(session, request.RunId, cancellationToken, forUpdate: true);
        if (run is null)
        {
            return new RunActionResult(RunActionStatus.NotFound, null);
        }

        if (!RunStateMachine.CanCancel(run.State))
        {
            return new RunActionResult(RunActionStatus.NotAllowed, run);
        }

        await RunCancellation.CancelAsync(session, run.Id, request.Reason, request.Now, cancellationToken);
        return new RunActionResult(
            RunActionStatus.Done,
            await RunRows.FindAsync(session, run.Id, cancellationToken),
            WasRunning: run.State == RunState.Running);
    }

    /// <summary>A new retry cycle, due now: the attempt count so far becomes the cycle's base; the idempotency key stays.</summary>
    public static async Task<RunActionResult> ReplayAsync(Session session, ReplayRequest request, CancellationToken cancellationToken)
    {
        var run = await RunRows.FindAsync(session, request.RunId, cancellationToken, forUpdate: true);
        if (run is null)
        {
            return new RunActionResult(RunActionStatus.NotFound, null);
        }

        if (!RunStateMachine.CanReplay(run.State))
        {
            return new RunActionResult(RunActionStatus.NotAllowed, run);
        }

        await session.ExecuteAsync(
            """
            UPDATE runs
            SET state = 'pending', due_at = @now, attempt_base = attempt_count, deadline_at = NULL,
                finished_at = NULL, reason = NULL, lease_owner = NULL, lease_expires_at = NULL, updated_at = @now
            WHERE id = @id;
            """,
            cancellationToken,
            ("id", run.Id), ("now", request.Now));
        return new RunActionResult(RunActionStatus.Done, await RunRows.FindAsync(session, run.Id, cancellationToken));
    }
}
