using Punctual.Core.Runs;
using Punctual.Storage.Jobs;
using Punctual.Storage.Postgres.Connections;

namespace Punctual.Storage.Postgres.Jobs;

/// <summary>
/// A backfill (IJobStore.BackfillAsync) in one transaction: the job's row is locked like a planning pass locks it, and
/// all planned runs go in ONE statement (the planning statement, which inserts idempotently on the fire identity), so
/// a fire that has a run keeps it. A dry run rolls the transaction back: its count is exactly what a backfill creates.
/// </summary>
internal static class Backfilling
{
    private const string Target = "targets AS (SELECT @jobId::bigint AS id, false AS cancel)";

    private static readonly string Apply = PlanApplication.Statement(Target, "SELECT count(*)::int FROM inserted;");

    public static async Task<BackfillResult> BackfillAsync(
        Session session,
        BackfillRequest request,
        IBackfillPlanning planning,
        CancellationToken cancellationToken)
    {
        var job = await JobRows.FindByNameAsync(session, request.Name, cancellationToken, forUpdate: true);
        if (job is null)
        {
            return BackfillResult.Refused(BackfillStatus.JobNotFound);
        }

        var plan = planning.Plan(job);
        if (plan is null)
        {
            return BackfillResult.Refused(BackfillStatus.NotScheduled);
        }

        if (plan.Truncated)
        {
            return BackfillResult.Refused(BackfillStatus.TooManyFires, plan.Runs.Count);
        }

        var parameters = PlanApplication.Parameters(plan.Runs.Select(run => (job.Id, run)), null, request.Now)
            .Append(("jobId", (object?)job.Id))
            .ToArray();
        var created = (int)(await session.ScalarAsync(Apply, cancellationToken, parameters))!;
        if (request.DryRun)
        {
            session.RollBack();
        }

        return new BackfillResult(BackfillStatus.Done, plan.Runs.Count, created);
    }

    public static async Task<FireCounts?> CountFiresAsync(Session session, FireCountRequest request, CancellationToken cancellationToken)
    {
        var rows = await session.QueryAsync(
            """
            SELECT j.id, r.state, COALESCE(SUM(r.fire_count), 0)::bigint
            FROM jobs j
            LEFT JOIN runs r ON r.job_id = j.id AND r.origin IN ('schedule', 'backfill') AND r.scheduled_for BETWEEN @from AND @to
            WHERE j.name = @name
            GROUP BY j.id, r.state;
            """,
            reader => (State: reader.IsDBNull(1) ? (RunState?)null : RunStates.Parse(reader.GetString(1)), Fires: reader.GetInt64(2)),
            cancellationToken,
            ("name", request.Name), ("from", request.From), ("to", request.To));
        return rows.Count == 0
            ? null
            : new FireCounts(rows.Where(row => row.State is not null).ToDictionary(row => row.State!.Value, row => row.Fires));
    }
}
