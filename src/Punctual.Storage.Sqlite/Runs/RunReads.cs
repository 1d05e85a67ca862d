using Punctual.Core.Overlap;
using Punctual.Core.Runs;
using Punctual.Storage.Runs;
using Punctual.Storage.Sqlite.Connections;

namespace Punctual.Storage.Sqlite.Runs;

/// <summary>Run history as the API and dashboard read it: one run with its attempts, and filtered pages newest first.</summary>
internal static class RunReads
{
    public static async Task<RunDetail?> GetAsync(Session session, long id, CancellationToken cancellationToken)
    {
        var run = await RunRows.FindAsync(session, id, cancellationToken);
        if (run is null)
        {
            return null;
        }

        return new RunDetail(run, await AttemptRows.ListAsync(session, id, cancellationToken));
    }

    public static async Task<RunPage> ListAsync(Session session, RunListRequest request, CancellationToken cancellationToken)
    {
        // Only the filters given become conditions, so each query can use the index that fits it.
        var conditions = new List<string>();
        var parameters = new List<(string, object?)> { ("@limit", request.Limit) };
        if (request.JobName is { } jobName)
        {
            conditions.Add("r.job_id = (SELECT id FROM jobs WHERE name = @job)");
            parameters.Add(("@job", jobName));
        }

        if (request.State is { } state)
        {
            conditions.Add("r.state = @state");
            parameters.Add(("@state", RunStates.ToText(state)));
        }

        if (request.Origin is { } origin)
        {
            conditions.Add("r.origin = @origin");
            parameters.Add(("@origin", RunOrigins.ToText(origin)));
        }

        if (request.BeforeId is { } beforeId)
        {
            conditions.Add("r.id < @before");
            parameters.Add(("@before", beforeId));
        }

        var where = conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions);
        var items = await session.QueryAsync(
            $"{RunRows.Select} {where} ORDER BY r.id DESC LIMIT @limit;",
            RunRows.Read,
            cancellationToken,
            [.. parameters]);
        var full = items.Count > 0 && items.Count == request.Limit;
        return new RunPage(items, full ? items[^1].Id : null);
    }

    public static async Task<DateTimeOffset?> NextDueAtAsync(Session session, DateTimeOffset after, CancellationToken cancellationToken)
    {
        var next = await session.ScalarAsync(
            "SELECT MIN(due_at) FROM runs INDEXED BY runs_claimable WHERE state IN ('pending', 'failed') AND due_at > $after;",
            cancellationToken,
            ("$after", after));
        return next is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }

    /// <summary>A range read of the claim index, stopped at the cap.</summary>
    public static async Task<long> CountDueAsync(Session session, CountDueRequest request, CancellationToken cancellationToken) =>
        Convert.ToInt64(
            await session.ScalarAsync(
                """
                SELECT COUNT(*) FROM (
                    SELECT 1 FROM runs INDEXED BY runs_claimable WHERE state IN ('pending', 'failed') AND due_at <= $now LIMIT $cap);
                """,
                cancellationToken,
                ("$now", request.Now),
                ("$cap", request.Cap)),
            System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Two index reads: runs still active now (<c>runs_state_id</c>) and runs finished after <paramref name="at"/>
    /// (<c>runs_finished</c>), each kept when created by <paramref name="at"/>.
    /// </summary>
    public static async Task<IReadOnlyDictionary<long, ActiveRuns>> CountActiveAtAsync(Session session, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var counts = await session.QueryAsync(
            """
            SELECT job_id, COALESCE(SUM(started_at IS NOT NULL AND started_at <= $at), 0), COUNT(*)
            FROM (
                SELECT job_id, started_at FROM runs
                WHERE state IN ('pending', 'running', 'failed') AND created_at <= $at AND job_id IS NOT NULL
                UNION ALL
                SELECT job_id, started_at FROM runs INDEXED BY runs_finished
                WHERE finished_at > $at AND created_at <= $at AND job_id IS NOT NULL AND state NOT IN ('pending', 'running', 'failed'))
            GROUP BY job_id;
            """,
            reader => (Job: reader.GetInt64(0), Running: reader.GetInt32(1), Total: reader.GetInt32(2)),
            cancellationToken,
            ("$at", at));
        return counts.ToDictionary(row => row.Job, row => new ActiveRuns(row.Running, row.Total - row.Running));
    }
}
