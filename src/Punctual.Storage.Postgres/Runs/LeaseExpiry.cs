using Punctual.Storage.Postgres.Connections;
using Punctual.Storage.Runs;

namespace Punctual.Storage.Postgres.Runs;

/// <summary>
/// The lease reaper's pass (IRunStore.ExpireLeasesAsync). Every node runs it every few seconds and almost always
/// finds nothing, so that case costs one indexed read in autocommit — no transaction, no lock. Only when something
/// expired does a transaction lock those runs (SKIP LOCKED: reapers on other nodes take others) and settle them as
/// the decider says, fenced on the attempt and owner they were read with, exactly like a completion.
/// </summary>
internal static class LeaseExpiry
{
    private const string Expired = "r.state = 'running' AND r.lease_expires_at < @now";

    // With ForeignTo, every running run of another owner counts too (a single-node store's start-up rescue).
    private const string ExpiredOrForeign = "r.state = 'running' AND (r.lease_expires_at < @now OR r.lease_owner IS DISTINCT FROM @foreign)";

    /// <summary>Whether anything is to be expired: the idle reaper's only statement.</summary>
    public static async Task<bool> AnyAsync(Session session, LeaseExpiryRequest request, CancellationToken cancellationToken) =>
        await session.ScalarAsync($"SELECT EXISTS (SELECT 1 FROM runs r WHERE {Condition(request)});", cancellationToken, Parameters(request)) is true;

    public static async Task<int> ExpireAsync(Session session, LeaseExpiryRequest request, ILeaseExpiryDecider decider, CancellationToken cancellationToken)
    {
        var now = request.Now;
        var rows = await session.QueryInIndexOrderAsync(
            $"""
            SELECT {RunRows.Columns}, {RunRows.SpecColumns}
            FROM runs r
            LEFT JOIN jobs j ON j.id = r.job_id
            WHERE {Condition(request)}
            ORDER BY r.lease_expires_at, r.id
            LIMIT @limit
            FOR NO KEY UPDATE OF r SKIP LOCKED;
            """,
            reader => new ExpiredLeaseRow(RunRows.Read(reader), reader.GetString(RunRows.ColumnCount), reader.GetBoolean(RunRows.ColumnCount + 1)),
            cancellationToken,
            Parameters(request, ("limit", request.Limit)));
        if (rows.Count == 0)
        {
            return 0;
        }

        var endings = rows.Select(row =>
        {
            var (result, decision, pauseJob) = decider.Decide(row, now);
            return new Settlement.Ending(
                row.Run.Id,
                row.Run.AttemptCount,
                row.Run.LeaseOwner,
                now,
                result,
                decision.State,
                decision.DueAt,
                decision.Error,
                pauseJob,
                OwnersAttemptOnly: false);
        }).ToList();
        return (await Settlement.ApplyAsync(session, endings, cancellationToken)).Count(applied => applied);
    }

    private static string Condition(LeaseExpiryRequest request) => request.ForeignTo is null ? Expired : ExpiredOrForeign;

    private static (string Name, object? Value)[] Parameters(LeaseExpiryRequest request, params (string Name, object? Value)[] more) =>
        request.ForeignTo is null ? [("now", request.Now), .. more] : [("now", request.Now), ("foreign", request.ForeignTo), .. more];
}
