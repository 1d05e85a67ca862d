namespace Punctual.Storage.Jobs;

public interface IJobStore
{
    Task<JobRecord?> GetAsync(string name, CancellationToken cancellationToken);

    /// <summary>Jobs ordered by name, after <see cref="JobListRequest.AfterName"/>, with each job's newest run.</summary>
    Task<IReadOnlyList<JobListItem>> ListAsync(JobListRequest request, CancellationToken cancellationToken);

    Task<JobWriteResult> CreateAsync(JobCreateRequest request, CancellationToken cancellationToken);

    Task<JobWriteResult> UpdateAsync(JobUpdateRequest request, CancellationToken cancellationToken);

    /// <summary>Deletes the job and its runs (history included); attempts in flight find nothing to complete.</summary>
    Task<JobWriteResult> DeleteAsync(JobDeleteRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Pauses or resumes. The next fire is kept, so on resume the fires missed meanwhile follow the catch-up policy.
    /// Setting the state the job already has writes nothing (the version does not change).
    /// </summary>
    Task<JobWriteResult> SetPausedAsync(JobPauseRequest request, CancellationToken cancellationToken);

    /// <summary>Applies creates, updates and deletes in one transaction: all of them or none.</summary>
    Task<JobApplyResult> ApplyAsync(JobApplyRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Exactly-once materialization: for each due, unpaused job (oldest due first), asks <paramref name="planning"/>
    /// for a plan and applies it in one transaction — runs inserted idempotently on (job, scheduled_for),
    /// active runs cancelled when the plan says so, and the job's next fire moved by compare-and-set.
    /// </summary>
    Task<PlanDueJobsResult> PlanDueAsync(PlanDueJobsRequest request, IFirePlanning planning, CancellationToken cancellationToken);

    /// <summary>Creates a manual run of a job under its overlap policy, decided by <paramref name="planning"/> in the same transaction.</summary>
    Task<TriggerResult> TriggerAsync(TriggerRequest request, ITriggerPlanning planning, CancellationToken cancellationToken);

    /// <summary>
    /// Creates the runs <paramref name="planning"/> plans for a backfill, in one transaction, idempotently on the fire
    /// identity (job, scheduled_for): fires that already have a run are not doubled. Nothing is written when the plan
    /// is refused (too many fires, no schedule) or the request is a dry run.
    /// </summary>
    Task<BackfillResult> BackfillAsync(BackfillRequest request, IBackfillPlanning planning, CancellationToken cancellationToken);

    /// <summary>The fires of a job in a range by run state (a backfill's progress); null when the job does not exist.</summary>
    Task<FireCounts?> CountFiresAsync(FireCountRequest request, CancellationToken cancellationToken);

    /// <summary>The earliest next due time among unpaused jobs, so the planner can sleep until then.</summary>
    Task<DateTimeOffset?> NextDueAtAsync(CancellationToken cancellationToken);
}
