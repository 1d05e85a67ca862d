using Punctual.Core.Definitions;
using Punctual.Core.Overlap;
using Punctual.Core.Planning;
using Punctual.Storage.Jobs;

namespace Punctual.Storage.Conformance.Doubles;

/// <summary>Planning with Core's real <see cref="FirePlanner"/>, as the engine does: the store and the rules together.</summary>
public sealed class CorePlanning(PlannerOptions? options = null) : IFirePlanning
{
    public FirePlan? Plan(JobRecord job, ActiveRuns active, DateTimeOffset now)
    {
        var definition = JobDefinitionWriter.FromJson(job.SpecJson);
        var schedule = definition.BindSchedule(job.CreatedAt);
        if (schedule is null || job.NextFireAt is not { } nextFire)
        {
            return null;
        }

        var due = new DueJob(job.Id, definition, schedule, nextFire, job.RunsCounted, active);
        return FirePlanner.Plan(due, now, options ?? PlannerOptions.Default);
    }
}

/// <summary>Manual triggers with Core's real <see cref="FirePlanner.PlanTrigger"/> (overlap policy included).</summary>
public sealed class CoreTriggerPlanning : ITriggerPlanning
{
    public FirePlan Plan(JobRecord job, ActiveRuns active, DateTimeOffset now) =>
        FirePlanner.PlanTrigger(JobDefinitionWriter.FromJson(job.SpecJson), active, now);
}

/// <summary>Backfills with Core's real <see cref="Core.Backfill.BackfillPlanner"/> over one range, as the engine does.</summary>
public sealed class CoreBackfillPlanning(Core.Backfill.BackfillRange range) : IBackfillPlanning
{
    public Core.Backfill.BackfillPlan? Plan(JobRecord job)
    {
        var definition = JobDefinitionWriter.FromJson(job.SpecJson);
        var schedule = definition.BindSchedule(job.CreatedAt);
        return schedule is null ? null : Core.Backfill.BackfillPlanner.Plan(definition, schedule, range);
    }
}
