using Punctual.Storage.Runs;
using Punctual.Storage.Sqlite.Connections;

namespace Punctual.Storage.Sqlite.Runs;

/// <summary>
/// Graceful hand-over of a stopping node's attempts: the run goes back to pending (due now) and the interrupted
/// attempt is closed as released; raising attempt_base keeps it out of the retry budget.
/// </summary>
internal static class RunRelease
{
    public const string AttemptOutcome = "released";

    public static async Task<int> ReleaseAsync(Session session, ReleaseRequest request, CancellationToken cancellationToken)
    {
        var released = 0;
        foreach (var (runId, attempt) in request.Runs)
        {
            var moved = await session.ExecuteAsync(
                """
                UPDATE runs
                SET state = 'pending', due_at = @now, attempt_base = attempt_base + 1,
                    lease_owner = NULL, lease_expires_at = NULL, updated_at = @now
                WHERE id = @id AND state = 'running' AND attempt_count = @attempt AND lease_owner = @owner;
                """,
                cancellationToken,
                ("@id", runId), ("@attempt", attempt), ("@owner", request.Owner), ("@now", request.Now));
            if (moved == 0)
            {
                continue;
            }

            released++;
            await session.ExecuteAsync(
                """
                UPDATE attempts SET finished_at = @now, outcome = @outcome, error = 'released by a stopping node'
                WHERE run_id = @id AND number = @attempt AND finished_at IS NULL;
                """,
                cancellationToken,
                ("@id", runId), ("@attempt", attempt), ("@now", request.Now), ("@outcome", AttemptOutcome));
        }

        return released;
    }
}
