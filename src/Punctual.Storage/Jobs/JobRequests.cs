namespace Punctual.Storage.Jobs;

public sealed record JobListRequest(string? AfterName = null, int Limit = 500);

/// <summary>
/// Creates a job. <see cref="Gate"/> is the gate its runs go through (a named gate, which must exist, or a host gate,
/// created when missing; null: none, for targets that are not endpoints).
/// </summary>
public sealed record JobCreateRequest(
    string Name,
    string SpecJson,
    DateTimeOffset? NextFireAt,
    DateTimeOffset? NextDueAt,
    DateTimeOffset Now,
    string? Gate = null);

/// <summary>
/// Replaces a job's definition. When <see cref="ScheduleChanged"/>, the next fire moves to the given values;
/// otherwise it is kept. <see cref="ExpectedVersion"/>, when set, makes the update conditional. A changed
/// <see cref="Gate"/> also moves the job's waiting runs to the new gate.
/// </summary>
public sealed record JobUpdateRequest(
    string Name,
    string SpecJson,
    bool ScheduleChanged,
    DateTimeOffset? NextFireAt,
    DateTimeOffset? NextDueAt,
    long? ExpectedVersion,
    DateTimeOffset Now,
    string? Gate = null);

public sealed record JobDeleteRequest(string Name, long? ExpectedVersion, DateTimeOffset Now);

public sealed record JobPauseRequest(string Name, bool Paused, DateTimeOffset Now);

/// <summary>
/// Changes from one config file, applied all or nothing: gates created or changed first, then the jobs, then gates
/// deleted. Job updates and deletes are conditional on the versions the plan was made from. Channels are written
/// with the gates (jobs' alerts may name them) and deleted last.
/// </summary>
public sealed record JobApplyRequest(
    IReadOnlyList<JobCreateRequest> Creates,
    IReadOnlyList<JobUpdateRequest> Updates,
    IReadOnlyList<JobDeleteRequest> Deletes,
    DateTimeOffset Now,
    IReadOnlyList<Punctual.Core.Gates.GateDefinition>? GateUpserts = null,
    IReadOnlyList<string>? GateDeletes = null,
    IReadOnlyList<Alerts.ChannelUpsertRequest>? ChannelUpserts = null,
    IReadOnlyList<string>? ChannelDeletes = null,
    IReadOnlyList<Monitors.MonitorUpsertRequest>? MonitorUpserts = null,
    IReadOnlyList<string>? MonitorDeletes = null);

public enum JobWriteStatus
{
    Done,
    NotFound,
    AlreadyExists,

    /// <summary>The job changed since the caller read it (version mismatch); nothing was written.</summary>
    Conflict,

    /// <summary>The job names a gate that does not exist; nothing was written.</summary>
    GateNotFound,

    /// <summary>(apply) A gate to delete is still named by a job or a waiting run; nothing was written.</summary>
    GateInUse,
}

public sealed record JobWriteResult(JobWriteStatus Status, JobRecord? Job)
{
    public bool Done => Status == JobWriteStatus.Done;
}

/// <summary>
/// The outcome of an apply: <see cref="FailedJob"/> names the job (or, for <see cref="JobWriteStatus.GateInUse"/>, the
/// gate) whose write was refused (then nothing was written).
/// </summary>
public sealed record JobApplyResult(JobWriteStatus Status, string? FailedJob);
