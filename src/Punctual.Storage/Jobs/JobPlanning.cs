using Punctual.Core.Overlap;
using Punctual.Core.Planning;

namespace Punctual.Storage.Jobs;

/// <summary>
/// Decides, inside the store's transaction, what to do with a due job (the engine wraps Core's FirePlanner).
/// Must be pure and quick: it runs while the job's row is locked. Returning null leaves the job untouched.
/// </summary>
public interface IFirePlanning
{
    FirePlan? Plan(JobRecord job, ActiveRuns active, DateTimeOffset now);
}

/// <summary>Plan at most <see cref="Limit"/> jobs whose next due time is at or before <see cref="Now"/>.</summary>
public sealed record PlanDueJobsRequest(DateTimeOffset Now, int Limit);

/// <summary><see cref="MoreDue"/>: the batch was full, so more jobs may be due right away.</summary>
public sealed record PlanDueJobsResult(int JobsPlanned, int RunsCreated, int RunsSkipped, bool MoreDue);

/// <summary>
/// A manual trigger of job <see cref="Name"/> now, with an optional body replacing the target's body for this run.
/// </summary>
public sealed record TriggerRequest(string Name, string? BodyOverrideJson, DateTimeOffset Now);

/// <summary>
/// Decides a manual trigger inside the store's transaction (the engine wraps FirePlanner.PlanTrigger). Only the plan's
/// <see cref="FirePlan.Runs"/> and <see cref="FirePlan.CancelActiveRuns"/> are applied: a trigger never moves the
/// job's schedule or counters.
/// </summary>
public interface ITriggerPlanning
{
    FirePlan Plan(JobRecord job, ActiveRuns active, DateTimeOffset now);
}

public sealed record TriggerResult(bool JobFound, Runs.RunRecord? Run);
