using Punctual.Storage.Runs;
using Punctual.Storage.Sqlite.Connections;

namespace Punctual.Storage.Sqlite.Runs;

/// <summary>History retention (IRunStore.PruneAsync): one bounded batch per call, so the writer is never held long.</summary>
internal static class Pruning
{
    /// <summary>
    /// Deletes the oldest finished runs first; their attempts go with them (ON DELETE CASCADE). INDEXED BY keeps the
    /// batch a range read of the finish-time index rather than a sort of every finished run.
    /// </summary>
    public static Task<int> PruneAsync(Session session, PruneRequest request, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            """
            DELETE FROM runs
            WHERE id IN (
                SELECT id FROM runs INDEXED BY runs_finished
                WHERE finished_at IS NOT NULL AND finished_at < @before
                  AND state IN ('succeeded', 'dead', 'skipped', 'cancelled')
                ORDER BY finished_at
                LIMIT @limit);
            """,
            cancellationToken,
            ("@before", request.FinishedBefore), ("@limit", request.Limit));
}
