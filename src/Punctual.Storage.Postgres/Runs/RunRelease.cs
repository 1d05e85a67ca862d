using Punctual.Storage.Postgres.Connections;
using Punctual.Storage.Runs;

namespace Punctual.Storage.Postgres.Runs;

/// <summary>
/// Graceful hand-over of a stopping node's attempts, in one statement: each run still running that attempt under
/// the node's lease goes back to pending (due now) and its attempt is closed as released; raising attempt_base keeps
/// the interrupted attempt out of the retry budget.
/// </summary>
internal static class RunRelease
{
    public const string AttemptOutcome = "released";

    public static async Task<int> ReleaseAsync(Session session, ReleaseRequest request, CancellationToken cancellationToken)
    {
        var runs = request.Runs.Distinct().ToList();
        if (runs.Count == 0)
        {
            return 0;
        }

        var released = await session.ScalarAsync(
            """
            WITH moved AS (
                UPDATE runs r
                SET state = 'pending', due_at = @now, attempt_base = r.attempt_base + 1,
                    lease_owner = NULL, lease_expires_at = NULL, updated_at = @now
                FROM unnest(@ids::bigint[], @attempts::int[]) AS u(id, attempt)
                WHERE r.id = u.id AND r.state = 'running' AND r.attempt_count = u.attempt AND r.lease_owner = @owner
                RETURNING r.id, r.attempt_count
            ),
            closed AS (
                UPDATE attempts a SET finished_at = @now, outcome = @outcome, error = 'released by a stopping node'
                FROM moved m
                WHERE a.run_id = m.id AND a.number = m.attempt_count AND a.finished_at IS NULL
            )
            SELECT count(*)::int FROM moved;
            """,
            cancellationToken,
            ("ids", runs.Select(run => run.RunId).ToArray()),
            ("attempts", runs.Select(run => run.Attempt).ToArray()),
            ("owner", request.Owner),
            ("now", request.Now),
            ("outcome", AttemptOutcome));
        return (int)released!;
    }
}
