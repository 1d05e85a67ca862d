using Punctual.Core.Backfill;
using Punctual.Core.Runs;

namespace Punctual.Storage.Jobs;

/// <summary>
/// Decides a backfill inside the store's transaction (the engine wraps Core's BackfillPlanner over the job's stored
/// definition). Returns null when the job has no schedule, so nothing can be backfilled.
/// </summary>
public interface IBackfillPlanning
{
    BackfillPlan? Plan(JobRecord job);
}

/// <summary>A backfill of job <see cref="Name"/>; <see cref="DryRun"/>: count what it would create, write nothing.</summary>
public sealed record BackfillRequest(string Name, DateTimeOffset Now, bool DryRun = false);

public enum BackfillStatus
{
    Done,
    JobNotFound,

    /// <summary>The job runs on demand only: it has no fires to backfill.</summary>
    NotScheduled,

    /// <summary>The range holds more fires than one backfill may create; nothing was written.</summary>
    TooManyFires,
}

/// <summary>
/// <see cref="Fires"/>: fires in the range; <see cref="Created"/>: runs created for them (the others already had a run),
/// or that a dry run would create.
/// </summary>
public sealed record BackfillResult(BackfillStatus Status, int Fires, int Created)
{
    public static BackfillResult Refused(BackfillStatus status, int fires = 0) => new(status, fires, 0);
}

/// <summary>The runs standing for the fires of job <see cref="Name"/> in [From, To] (scheduled, caught up or backfilled).</summary>
public sealed record FireCountRequest(string Name, DateTimeOffset From, DateTimeOffset To);

/// <summary>Fires of a range by the state of their run; a skipped row standing for several fires counts each of them.</summary>
public sealed record FireCounts(IReadOnlyDictionary<RunState, long> ByState)
{
    public long Total => ByState.Values.Sum();

    public long Count(RunState state) => ByState.GetValueOrDefault(state);
}
