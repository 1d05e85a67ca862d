using Punctual.Core.Planning;
using Punctual.Core.Runs;
using Punctual.Storage.Jobs;
using Punctual.Storage.Sqlite.Connections;
using Punctual.Storage.Sqlite.Runs;

namespace Punctual.Storage.Sqlite.Jobs;

/// <summary>
/// One planning pass (IJobStore.PlanDueAsync) inside one write transaction. Each job's plan is applied under a
/// savepoint and only if the job's next fire is still the one the plan was made from (compare-and-set), and
/// runs are inserted idempotently on (job, scheduled_for): together they make every fire exactly one run.
/// </summary>
internal static class DuePlanning
{
    public static async Task<PlanDueJobsResult> PlanAsync(
        Session session,
        PlanDueJobsRequest request,
        IFirePlanning planning,
        CancellationToken cancellationToken)
    {
        var now = request.Now;
        var due = await session.QueryAsync(
            $"""
            SELECT {JobRows.Columns}
            FROM jobs j
            WHERE j.paused = 0 AND j.next_due_at IS NOT NULL AND j.next_due_at <= @now
            ORDER BY j.next_due_at, j.id
            LIMIT @limit;
            """,
            JobRows.Read,
            cancellationToken,
            ("@now", now), ("@limit", request.Limit));

        int planned = 0, created = 0, skipped = 0;
        foreach (var job in due)
        {
            var active = await PlanApplication.CountActiveAsync(session, job.Id, cancellationToken);
            var plan = planning.Plan(job, active, now);
            if (plan is null)
            {
                continue;
            }

            int jobCreated = 0, jobSkipped = 0;
            var applied = await session.SavepointAsync("plan_job", async () =>
            {
                if (!await MoveNextFireAsync(session, job, plan, cancellationToken))
                {
                    return false;
                }

                if (plan.CancelActiveRuns)
                {
                    // Before inserting, so only runs that existed before this plan are cancelled.
                    await RunCancellation.CancelActiveRunsOfJobAsync(session, job.Id, FirePlan.CancelledByReplaceReason, now, cancellationToken);
                }

                foreach (var run in plan.Runs)
                {
                    if (await PlanApplication.InsertAsync(session, job.Id, run, null, now, cancellationToken) is null)
                    {
                        continue;
                    }

                    if (run.State == RunState.Skipped)
                    {
                        jobSkipped++;
                    }
                    else
                    {
                        jobCreated++;
                    }
                }

                return true;
            });

            if (applied)
            {
                planned++;
                created += jobCreated;
                skipped += jobSkipped;
            }
        }

        return new PlanDueJobsResult(planned, created, skipped, MoreDue: due.Count == request.Limit);
    }

    /// <summary>Advances the job's next fire if nobody else has since the job was read; false when someone has.</summary>
    private static async Task<bool> MoveNextFireAsync(Session session, JobRecord job, FirePlan plan, CancellationToken cancellationToken)
    {
        var moved = await session.ExecuteAsync(
            """
            UPDATE jobs
            SET next_fire_at = @next, next_due_at = @nextDue,
                runs_counted = runs_counted + @counted, missed_fires = missed_fires + @missed
            WHERE id = @id AND paused = 0 AND next_fire_at IS @expected;
            """,
            cancellationToken,
            ("@id", job.Id),
            ("@next", plan.NextFireAt),
            ("@nextDue", plan.NextDueAt),
            ("@counted", plan.RunsCounted),
            ("@missed", plan.MissedFires),
            ("@expected", job.NextFireAt));
        return moved == 1;
    }
}
