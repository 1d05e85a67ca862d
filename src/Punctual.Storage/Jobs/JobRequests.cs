namespace Punctual.Storage.Jobs;

public sealed record JobListRequest(string? AfterName = null, int Limit = 500);

public sealed record JobCreateRequest(
    string Name,
    string SpecJson,
    DateTimeOffset? NextFireAt,
    DateTimeOffset? NextDueAt,
    DateTimeOffset Now);

/// <summary>
/// Replaces a job's definition. When <see cref="ScheduleChanged"/>, the next fire moves to the given values;
/// otherwise it is kept. <see cref="ExpectedVersion"/>, when set, makes the update conditional.
/// </summary>
public sealed record JobUpdateRequest(
    string Name,
    string SpecJson,
    bool ScheduleChanged,
    DateTimeOffset? NextFireAt,
    DateTimeOffset? NextDueAt,
    long? ExpectedVersion,
    DateTimeOffset Now);

public sealed record JobDeleteRequest(string Name, long? ExpectedVersion, DateTimeOffset Now);

public sealed record JobPauseRequest(string Name, bool Paused, DateTimeOffset Now);

/// <summary>Changes from one config file, applied all or nothing. Updates and deletes are conditional on the versions the plan was made from.</summary>
public sealed record JobApplyRequest(
    IReadOnlyList<JobCreateRequest> Creates,
    IReadOnlyList<JobUpdateRequest> Updates,
    IReadOnlyList<JobDeleteRequest> Deletes,
    DateTimeOffset Now);

public enum JobWriteStatus
{
    Done,
    NotFound,
    AlreadyExists,

    /// <summary>The job changed since the caller read it (version mismatch); nothing was written.</summary>
    Conflict,
}

public sealed record JobWriteResult(JobWriteStatus Status, JobRecord? Job)
{
    public bool Done => Status == JobWriteStatus.Done;
}

/// <summary>The outcome of an apply: <see cref="FailedJob"/> names the job whose write was refused (then nothing was written).</summary>
public sealed record JobApplyResult(JobWriteStatus Status, string? FailedJob);
