using Punctual.Core.Alerts;

namespace Punctual.Storage.Alerts;

/// <summary>A stored channel: its canonical definition (secrets as <c>${env:NAME}</c> references).</summary>
public sealed record ChannelRecord(string Name, string SpecJson, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record ChannelUpsertRequest(string Name, string SpecJson, DateTimeOffset Now);

public enum ChannelWriteStatus
{
    Created,
    Updated,
    Unchanged,
    Deleted,
    NotFound,
}

/// <summary>A job with an alert block, as the alerter needs it.</summary>
public sealed record AlertingJob(string Name, string SpecJson);

/// <summary>Facts about job <see cref="Job"/>: its newest <see cref="FinishedRuns"/> dead or succeeded runs and more.</summary>
public sealed record JobFactsRequest(string Job, int FinishedRuns);

/// <summary>
/// An incident: one per <see cref="Cause"/> while open. <see cref="NextAlertAt"/> is when it re-alerts (null: never);
/// <see cref="Alerts"/> counts the times it alerted (opening included). <see cref="Resolution"/> says why it closed.
/// </summary>
public sealed record IncidentRecord(
    long Id,
    string Cause,
    AlertKind Kind,
    string Subject,
    string Summary,
    string? Detail,
    IReadOnlyList<string> Channels,
    DateTimeOffset OpenedAt,
    DateTimeOffset LastAlertAt,
    DateTimeOffset? NextAlertAt,
    TimeSpan? Repeat,
    int Alerts,
    DateTimeOffset? ClosedAt,
    string? Resolution)
{
    public bool IsOpen => ClosedAt is null;
}

public sealed record IncidentOpenRequest(
    string Cause,
    AlertKind Kind,
    string Subject,
    string Summary,
    string? Detail,
    IReadOnlyList<string> Channels,
    TimeSpan? Repeat,
    DateTimeOffset Now);

public sealed record IncidentRepeatRequest(long Id, DateTimeOffset ExpectedNextAlertAt, DateTimeOffset? NextAlertAt, DateTimeOffset Now);

/// <summary>
/// Escalates an open incident whose summary is still <see cref="ExpectedSummary"/> (compare-and-set: once, by one
/// node) to <see cref="Summary"/> and <see cref="Detail"/>; it counts as an alert (re-alert time restarts).
/// </summary>
public sealed record IncidentEscalateRequest(long Id, string ExpectedSummary, string Summary, string? Detail, DateTimeOffset? NextAlertAt, DateTimeOffset Now);

public sealed record IncidentCloseRequest(long Id, string Resolution, DateTimeOffset Now);

public sealed record IncidentListRequest(bool OpenOnly = false, int Limit = 100);

/// <summary>One message of an incident to one channel: <c>opened</c>, <c>repeat</c>, <c>escalated</c> or <c>resolved</c>.</summary>
public sealed record DeliveryRecord(
    long Id,
    long IncidentId,
    string Channel,
    string Event,
    string State,
    int Attempts,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset DueAt,
    DateTimeOffset? SentAt);

public sealed record IncidentView(IncidentRecord Incident, IReadOnlyList<DeliveryRecord> Deliveries);

public sealed record DeliveryClaimRequest(DateTimeOffset Now, int Limit, string Owner, DateTimeOffset LeaseUntil);

/// <summary>
/// A claimed delivery with what sending it needs: the incident, and the channel's spec (null when the channel was
/// deleted since). <see cref="Summary"/>: what the incident said when the message was queued (an <c>opened</c>
/// message sent after an escalation still says what opened it); null: the incident's summary.
/// </summary>
public sealed record AlertDelivery(DeliveryRecord Delivery, IncidentRecord Incident, string? ChannelSpecJson, string? Summary = null);

/// <summary>
/// The outcome of a delivery attempt. <see cref="Delivered"/>: sent. Otherwise <see cref="RetryAt"/> is the next try,
/// or null to give up (the delivery is then <c>failed</c>); <see cref="Error"/> says what went wrong.
/// </summary>
public sealed record DeliveryCompletion(long Id, string Owner, DateTimeOffset Now, bool Delivered, string? Error, DateTimeOffset? RetryAt);
