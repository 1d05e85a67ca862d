using Punctual.Storage.Jobs;
using Punctual.Storage.Postgres.Connections;
using Punctual.Storage.Postgres.Runs;
using Punctual.Storage.Runs;

namespace Punctual.Storage.Postgres.Jobs;

/// <summary>
/// A manual trigger (IJobStore.TriggerAsync) in one transaction: the job's row is locked (waiting, within the command
/// timeout, for a planning pass or another trigger that holds it), its active runs counted after the lock, and the
/// plan applied in one statement — so a trigger and a planning pass decide overlap one after the other, each seeing
/// the other's run. A trigger never moves the job's schedule: the plan's next-fire fields and counters are ignored.
/// </summary>
internal static class Triggering
{
    private const string Target = "targets AS (SELECT @jobId::bigint AS id, @cancel::boolean AS cancel)";

    private static readonly string Apply = PlanApplication.Statement(
        Target,
        $"SELECT {RunRows.Columns} FROM inserted r LEFT JOIN jobs j ON j.id = r.job_id ORDER BY r.id;");

    public static async Task<TriggerResult> TriggerAsync(
        Session session,
        TriggerRequest request,
        ITriggerPlanning planning,
        CancellationToken cancellationToken)
    {
        var job = await JobRows.FindByNameAsync(session, request.Name, cancellationToken, forUpdate: true);
        if (job is null)
        {
            return new TriggerResult(false, null);
        }

        var active = await PlanApplication.CountActiveAsync(session, [job.Id], cancellationToken);
        var plan = planning.Plan(job, active.GetValueOrDefault(job.Id), request.Now);
        if (plan.Runs.Count == 0 && !plan.CancelActiveRuns)
        {
            return new TriggerResult(true, null);
        }

        var parameters = PlanApplication.Parameters(plan.Runs.Select(run => (job.Id, run)), request.BodyOverrideJson, request.Now)
            .Concat<(string Name, object? Value)>([("jobId", job.Id), ("cancel", plan.CancelActiveRuns)])
            .ToArray();
        var created = await session.QueryAsync(Apply, RunRows.Read, cancellationToken, parameters);
        return new TriggerResult(true, created.Count == 0 ? null : created[0]);
    }
}
