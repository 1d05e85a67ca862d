using System.Collections.Concurrent;
using Punctual.Core.Overlap;
using Punctual.Core.Planning;
using Punctual.Storage.Jobs;

namespace Punctual.Storage.Conformance.Doubles;

/// <summary>A planner that returns what the test scripts, and remembers what the store showed it.</summary>
public sealed class ScriptedPlanning(Func<JobRecord, ActiveRuns, DateTimeOffset, FirePlan?> plan) : IFirePlanning
{
    public ConcurrentQueue<(JobRecord Job, ActiveRuns Active, DateTimeOffset Now)> Calls { get; } = new();

    /// <summary>Plans the given runs for every due job and moves its next fire to <paramref name="nextFire"/>.</summary>
    public static ScriptedPlanning Returning(DateTimeOffset? nextFire, params PlannedRun[] runs) =>
        new((_, _, _) => new FirePlan(runs, false, nextFire, nextFire, runs.Length, 0));

    public FirePlan? Plan(JobRecord job, ActiveRuns active, DateTimeOffset now)
    {
        Calls.Enqueue((job, active, now));
        return plan(job, active, now);
    }
}

/// <summary>A trigger planner that returns what the test scripts, and remembers what the store showed it.</summary>
public sealed class ScriptedTriggerPlanning(Func<JobRecord, ActiveRuns, DateTimeOffset, FirePlan> plan) : ITriggerPlanning
{
    public ConcurrentQueue<(JobRecord Job, ActiveRuns Active)> Calls { get; } = new();

    public static ScriptedTriggerPlanning Returning(params PlannedRun[] runs) =>
        new((_, _, _) => new FirePlan(runs, false, null, null, 0, 0));

    public FirePlan Plan(JobRecord job, ActiveRuns active, DateTimeOffset now)
    {
        Calls.Enqueue((job, active));
        return plan(job, active, now);
    }
}
