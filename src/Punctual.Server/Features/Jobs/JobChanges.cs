using Punctual.Core.Jobs;
using Punctual.Core.Planning;
using Punctual.Engine.Specs;
using Punctual.Storage.Jobs;

namespace Punctual.Server.Features.Jobs;

/// <summary>
/// Turns a definition into the store requests that create or replace a job, computing the next fire from the
/// schedule: a new or rescheduled job fires first strictly after now (earlier fires are not "missed"); a job whose
/// schedule did not change keeps its next fire.
/// </summary>
public sealed class JobChanges(SpecCache specs)
{
    public JobCreateRequest Create(JobDefinition definition, DateTimeOffset now)
    {
        var next = FirePlanner.NextFire(definition, definition.BindSchedule(now), now, runsCounted: 0);
        return new JobCreateRequest(definition.Name, JobView.SpecOf(definition), next?.Fire, next?.Due, now, definition.GateName);
    }

    public JobUpdateRequest Update(JobRecord existing, JobDefinition definition, DateTimeOffset now, bool conditional)
    {
        var changed = ScheduleChanged(specs.Job(existing.SpecJson), definition);
        var next = changed
            ? FirePlanner.NextFire(definition, definition.BindSchedule(existing.CreatedAt), now, existing.RunsCounted)
            : null;
        return new JobUpdateRequest(
            definition.Name,
            JobView.SpecOf(definition),
            changed,
            next?.Fire,
            next?.Due,
            conditional ? existing.Version : null,
            now,
            definition.GateName);
    }

    /// <summary>Whether the fire times (or their due times) differ between two definitions.</summary>
    public static bool ScheduleChanged(JobDefinition before, JobDefinition after) =>
        !Equals(before.Schedule, after.Schedule)
        || before.TimeZone != after.TimeZone
        || before.Jitter != after.Jitter
        || before.Start != after.Start
        || before.End != after.End
        || before.MaxRuns != after.MaxRuns;
}
