namespace Punctual.Storage.Jobs;

/// <summary>
/// A stored job: its canonical definition (<see cref="SpecJson"/>, see JobDefinitionWriter) and operational state.
/// <see cref="NextFireAt"/> is the nominal time of the next fire (the identity of its run), <see cref="NextDueAt"/>
/// that time plus jitter; both null when the job will not fire again or has no schedule.
/// <see cref="Version"/> grows on every change of the definition or pause state.
/// </summary>
public sealed record JobRecord(
    long Id,
    string Name,
    string SpecJson,
    bool Paused,
    DateTimeOffset? NextFireAt,
    DateTimeOffset? NextDueAt,
    int RunsCounted,
    long MissedFires,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>A job with the newest of its runs, for listings.</summary>
public sealed record JobListItem(JobRecord Job, Runs.RunRecord? LastRun);
