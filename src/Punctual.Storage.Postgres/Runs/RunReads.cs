using Punctual.Core.Overlap;
using Punctual.Core.Runs;
using Punctual.Storage.Postgres.Connections;
using Punctual.Storage.Runs;

namespace Punctual.Storage.Postgres.Runs;

/// <summary>Run history as the API and dashboard read it (one run with its attempts, filtered pages newest first), and the dispatcher's sleep.</summary>
internal static class RunReads
{
    /// <summary>The run and its attempts in one round trip.</summary>
    public static Task<RunDetail?> GetAsync(Session session, long id, CancellationToken cancellationToken) =>
        session.BatchAsync(
            [($"{RunRows.Select} WHERE r.id = @id;", [("id", id)]), ($"{AttemptRows.Select} WHERE run_id = @id ORDER BY number;", [("id", id)])],
            async reader =>
            {
                var run = await Session.ReadAllAsync(reader, RunRows.Read, cancellationToken);
                await reader.NextResultAsync(cancellationToken);
                var attempts = await Session.ReadAllAsync(reader, AttemptRows.Read, cancellationToken);
                return run.Count == 0 ? null : new RunDetail(run[0], attempts);
            },
            cancellationToken);

    public static async Task<RunPage> ListAsync(Session session, RunListRequest request, CancellationToken cancellationToken)
    {
        // Only the filters given become conditions, so each query can use the index that fits it.
        var conditions = new List<string>();
        var parameters = new List<(string, object?)> { ("limit", request.Limit) };
        if (request.JobName is { } jobName)
        {
            conditions.Add("r.job_id = (SELECT id FROM jobs WHERE name = @job)");
            parameters.Add(("job", jobName));
        }

        if (request.State is { } state)
        {
            conditions.Add("r.state = @state");
            parameters.Add(("state", RunStates.ToText(state)));
        }

        if (request.Origin is { } origin)
        {
            conditions.Add("r.origin = @origin");
            parameters.Add(("origin", RunOrigins.ToText(origin)));
        }

        if (request.BeforeId is { } beforeId)
        {
            conditions.Add("r.id < @before");
            parameters.Add(("before", beforeId));
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

    /// <summary>One read of the claim index's first entry after <paramref name="after"/>: cheap enough for every idle poll.</summary>
    public static async Task<DateTimeOffset?> NextDueAtAsync(Session session, DateTimeOffset after, CancellationToken cancellationToken) =>
        (await session.QueryAsync(
            "SELECT min(due_at) FROM runs WHERE state IN ('pending', 'failed') AND due_at > @after;",
            reader => reader.GetNullableInstant(0),
            cancellationToken,
            ("after", after)))[0];

    /// <summary>A range read of the claim index, stopped at the cap.</summary>
    public static async Task<long> CountDueAsync(Session session, CountDueRequest request, CancellationToken cancellationToken) =>
        (await session.QueryAsync(
            "SELECT count(*) FROM (SELECT 1 FROM runs WHERE state IN ('pending', 'failed') AND due_at <= @now LIMIT @cap) due;",
            reader => reader.GetInt64(0),
            cancellationToken,
            ("now", request.Now),
            ("cap", request.Cap)))[0];

    /// <summary>
    /// Two index reads: runs still active now and runs finished after <paramref name="at"/>, each kept when created by
    /// <paramref name="at"/>.
    /// </summary>
    public static async Task<IReadOnlyDictionary<long, ActiveRuns>> CountActiveAtAsync(Session session, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var counts = await session.QueryAsync(
            """
            SELECT job_id, (count(*) FILTER (WHERE started_at <= @at))::int, count(*)::int
            FROM (
                SELECT job_id, started_at FROM runs
                WHERE state IN ('pending', 'running', 'failed') AND created_at <= @at AND job_id IS NOT NULL
                UNION ALL
                SELECT job_id, started_at FROM runs
                WHERE finished_at > @at AND created_at <= @at AND job_id IS NOT NULL AND state NOT IN ('pending', 'running', 'failed')) active
            GROUP BY job_id;
            """,
            reader => (Job: reader.GetInt64(0), Running: reader.GetInt32(1), Total: reader.GetInt32(2)),
            cancellationToken,
            ("at", at));
        return counts.ToDictionary(row => row.Job, row => new ActiveRuns(row.Running, row.Total - row.Running));
    }
}
