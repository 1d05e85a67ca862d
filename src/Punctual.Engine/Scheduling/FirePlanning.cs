using Microsoft.Extensions.Logging;
using Punctual.Core.Overlap;
using Punctual.Core.Planning;
using Punctual.Engine.Hosting;
using Punctual.Engine.Specs;
using Punctual.Storage.Jobs;

namespace Punctual.Engine.Scheduling;

/// <summary>Connects the store's planning transaction to Core's <see cref="FirePlanner"/>.</summary>
public sealed class FirePlanning(SpecCache specs, EngineOptions options, ILogger<FirePlanning> logger) : IFirePlanning, ITriggerPlanning
{
    public FirePlan? Plan(JobRecord job, ActiveRuns active, DateTimeOffset now)
    {
        if (job.NextFireAt is not { } nextFire)
        {
            return null;
        }

        try
        {
            var definition = specs.Job(job.SpecJson);
            var schedule = specs.Schedule(job.SpecJson, job.CreatedAt);
            if (schedule is null)
            {
                return null;
            }

            var due = new DueJob(job.Id, definition, schedule, nextFire, job.RunsCounted, active);
            return FirePlanner.Plan(due, now, options.PlannerOptions);
        }
        catch (InvalidDataException e)
        {
            // A stored definition that no longer reads (it was valid when written) must not stop other jobs.
            logger.LogError(e, "Job {Job} has an unreadable definition; it is not planned", job.Name);
            return null;
        }
    }

    FirePlan ITriggerPlanning.Plan(JobRecord job, ActiveRuns active, DateTimeOffset now) =>
        FirePlanner.PlanTrigger(specs.Job(job.SpecJson), active, now);
}
