using Punctual.Core.Planning;
using Punctual.Storage.Jobs;
using Punctual.Storage.Runs;
using Punctual.Storage.Sqlite.Connections;
using Punctual.Storage.Sqlite.Runs;

namespace Punctual.Storage.Sqlite.Jobs;

/// <summary>
/// A manual trigger (IJobStore.TriggerAsync): the overlap decision and the run it creates in one write
/// transaction, so no other run of the job can start or appear between the check and the insert.
/// A trigger never moves the job's schedule: the plan's next-fire fields and counters are not applied.
/// </summary>
internal static class Triggering
{
    public static async Task<TriggerResult> TriggerAsync(
        Session session,
        TriggerRequest request,
        ITriggerPlanning planning,
        CancellationToken cancellationToken)
    {
        var job = await JobRows.FindByNameAsync(session, request.Name, cancellationToken);
        if (job is null)
        {
            return new TriggerResult(false, null);
        }

        var active = await PlanApplication.CountActiveAsync(session, job.Id, cancellationToken);
        var plan = planning.Plan(job, active, request.Now);
        if (plan.CancelActiveRuns)
        {
            await RunCancellation.CancelActiveRunsOfJobAsync(session, job.Id, FirePlan.CancelledByReplaceReason, request.Now, cancellationToken);
        }

        RunRecord? first = null;
        foreach (var run in plan.Runs)
        {
            var id = await PlanApplication.InsertAsync(session, job.Id, run, request.BodyOverrideJson, request.Now, cancellationToken);
            if (first is null && id is { } created)
            {
                first = await RunRows.FindAsync(session, created, cancellationToken);
            }
        }

        return new TriggerResult(true, first);
    }
}
