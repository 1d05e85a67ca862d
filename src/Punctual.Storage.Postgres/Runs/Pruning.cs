using Punctual.Storage.Postgres.Connections;
using Punctual.Storage.Runs;

namespace Punctual.Storage.Postgres.Runs;

/// <summary>
/// History retention (IRunStore.PruneAsync): one bounded batch per call, oldest finished first, a range read of the
/// finish-time index. SKIP LOCKED: pruners on several nodes delete disjoint batches and never wait on each other.
/// Attempts go with their runs (ON DELETE CASCADE).
/// </summary>
internal static class Pruning
{
    public static Task<int> PruneAsync(Session session, PruneRequest request, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            """
            DELETE FROM runs
            WHERE id IN (
                SELECT id FROM runs
                WHERE finished_at IS NOT NULL AND finished_at < @before
                  AND state IN ('succeeded', 'dead', 'skipped', 'cancelled')
                ORDER BY finished_at
                LIMIT @limit
                FOR UPDATE SKIP LOCKED);
            """,
            cancellationToken,
            ("before", request.FinishedBefore), ("limit", request.Limit));
}
