using Punctual.Core.Backfill;
using Punctual.Engine.Specs;
using Punctual.Storage.Jobs;

namespace Punctual.Engine.Scheduling;

/// <summary>Connects the store's backfill transaction to Core's <see cref="BackfillPlanner"/> for one range.</summary>
public sealed class BackfillPlanning(SpecCache specs, BackfillRange range) : IBackfillPlanning
{
    public BackfillPlan? Plan(JobRecord job)
    {
        var schedule = specs.Schedule(job.SpecJson, job.CreatedAt);
        return schedule is null ? null : BackfillPlanner.Plan(specs.Job(job.SpecJson), schedule, range);
    }
}
