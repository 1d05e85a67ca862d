using Punctual.Core.Runs;
using Punctual.Storage.Jobs;
using Punctual.Storage.Sqlite.Connections;

namespace Punctual.Storage.Sqlite.Jobs;

/// <summary>
/// A backfill (IJobStore.BackfillAsync) in one write transaction: the planned runs are inserted idempotently on the
/// fire identity, so a fire that has a run keeps it. A dry run inserts inside a savepoint it then rolls back, so the
/// count it reports is exactly what the real backfill would create.
/// </summary>
internal static class Backfilling
{
    public static async Task<BackfillResult> BackfillAsync(
        Session session,
        BackfillRequest request,
        IBackfillPlanning planning,
        CancellationToken cancellationToken)
    {
        var job = await JobRows.FindByNameAsync(session, request.Name, cancellationToken);
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

        var created = 0;
        await session.SavepointAsync("backfill", async () =>
        {
            foreach (var run in plan.Runs)
            {
                if (await PlanApplication.InsertAsync(session, job.Id, run, null, request.Now, cancellationToken) is not null)
                {
                    created++;
                }
            }

            return !request.DryRun;
        });
        return new BackfillResult(BackfillStatus.Done, plan.Runs.Count, created);
    }

    public static async Task<FireCounts?> CountFiresAsync(Session session, FireCountRequest request, CancellationToken cancellationToken)
    {
        var job = await JobRows.FindByNameAsync(session, request.Name, cancellationToken);
        if (job is null)
        {
            return null;
        }

        var rows = await session.QueryAsync(
            """
            SELECT state, SUM(fire_count)
            FROM runs
            WHERE job_id = @job AND origin IN ('schedule', 'backfill') AND scheduled_for BETWEEN @from AND @to
            GROUP BY state;
            """,
            reader => (State: RunStates.Parse(reader.GetString(0)), Fires: reader.GetInt64(1)),
            cancellationToken,
            ("@job", job.Id), ("@from", request.From), ("@to", request.To));
        return new FireCounts(rows.ToDictionary(row => row.State, row => row.Fires));
    }
}
