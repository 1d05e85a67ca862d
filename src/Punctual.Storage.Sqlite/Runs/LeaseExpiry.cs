using Punctual.Storage.Runs;
using Punctual.Storage.Sqlite.Connections;

namespace Punctual.Storage.Sqlite.Runs;

/// <summary>
/// The lease reaper's pass (IRunStore.ExpireLeasesAsync): running runs whose lease ran out — or, at a single
/// node's start-up, every running run held by another (dead) owner — are settled as the decider says, fenced on
/// the attempt and owner they were read with, exactly like a completion.
/// </summary>
internal static class LeaseExpiry
{
    // INDEXED BY: walks running runs only, in expiry order (SQLite would otherwise pick the (state, id) index and sort).
    private const string Expired = $"""
        SELECT {RunRows.Columns}, {RunRows.SpecColumns}
        FROM runs r INDEXED BY runs_lease_expiry
        LEFT JOIN jobs j ON j.id = r.job_id
        WHERE r.state = 'running'
          AND (r.lease_expires_at < @now OR (@foreign IS NOT NULL AND r.lease_owner IS NOT @foreign))
        ORDER BY r.lease_expires_at, r.id
        LIMIT @limit;
        """;

    public static async Task<int> ExpireAsync(Session session, LeaseExpiryRequest request, ILeaseExpiryDecider decider, CancellationToken cancellationToken)
    {
        var now = request.Now;
        var rows = await session.QueryAsync(
            Expired,
            reader => new ExpiredLeaseRow(RunRows.Read(reader), reader.GetString(RunRows.ColumnCount), reader.GetFlag(RunRows.ColumnCount + 1)),
            cancellationToken,
            ("@now", now), ("@foreign", request.ForeignTo), ("@limit", request.Limit));

        var settled = 0;
        foreach (var row in rows)
        {
            var (result, decision, pauseJob) = decider.Decide(row, now);
            var ending = new AttemptSettlement.Ending(
                row.Run.Id,
                row.Run.AttemptCount,
                row.Run.LeaseOwner,
                now,
                result,
                decision.State,
                decision.DueAt,
                decision.Error,
                pauseJob);
            if (await AttemptSettlement.ApplyAsync(session, ending, closeOnlyOwnersAttempt: false, cancellationToken))
            {
                settled++;
            }
        }

        return settled;
    }
}
