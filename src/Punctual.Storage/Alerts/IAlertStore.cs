using Punctual.Core.Alerts;

namespace Punctual.Storage.Alerts;

/// <summary>
/// Alerting: channels (where alerts go), the facts the alerter decides by, incidents (one open per cause) and the
/// delivery outbox. Opening, re-alerting and closing an incident enqueue its messages in the same transaction, and
/// deliveries are leased when claimed, so in a cluster exactly one node sends each message (at least once).
/// </summary>
public interface IAlertStore
{
    /// <summary>Every channel, by name.</summary>
    Task<IReadOnlyList<ChannelRecord>> ListChannelsAsync(CancellationToken cancellationToken);

    Task<ChannelRecord?> GetChannelAsync(string name, CancellationToken cancellationToken);

    /// <summary>Creates or replaces a channel; <see cref="ChannelWriteStatus.Unchanged"/> when the spec is the same.</summary>
    Task<ChannelWriteStatus> UpsertChannelAsync(ChannelUpsertRequest request, CancellationToken cancellationToken);

    /// <summary>Deletes a channel. Its pending deliveries fail when claimed (the channel is gone).</summary>
    Task<ChannelWriteStatus> DeleteChannelAsync(string name, CancellationToken cancellationToken);

    /// <summary>The jobs whose definition has an <c>alert:</c> block, by name (served by a partial index).</summary>
    Task<IReadOnlyList<AlertingJob>> ListAlertingJobsAsync(CancellationToken cancellationToken);

    /// <summary>What the alert rules need to know about one job's runs; null when the job does not exist.</summary>
    Task<JobAlertFacts?> GetJobFactsAsync(JobFactsRequest request, CancellationToken cancellationToken);

    /// <summary>The open incidents, by cause.</summary>
    Task<IReadOnlyList<IncidentRecord>> ListOpenIncidentsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Opens an incident and enqueues an <c>opened</c> message per channel; null (nothing written) when the cause
    /// already has an open incident — the guard that keeps two nodes from alerting twice.
    /// </summary>
    Task<IncidentRecord?> OpenIncidentAsync(IncidentOpenRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Re-alerts an open incident whose re-alert time is still <see cref="IncidentRepeatRequest.ExpectedNextAlertAt"/>
    /// (compare-and-set: one node wins), enqueueing a <c>repeat</c> message per channel; false when another did it.
    /// </summary>
    Task<bool> RepeatIncidentAsync(IncidentRepeatRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Escalates an open incident whose summary is still <see cref="IncidentEscalateRequest.ExpectedSummary"/>
    /// (compare-and-set: one node wins, and only once), enqueueing an <c>escalated</c> message per channel; false when
    /// it was closed or already escalated.
    /// </summary>
    Task<bool> EscalateIncidentAsync(IncidentEscalateRequest request, CancellationToken cancellationToken);

    /// <summary>Closes an open incident and enqueues one <c>resolved</c> message per channel; false when it was already closed.</summary>
    Task<bool> CloseIncidentAsync(IncidentCloseRequest request, CancellationToken cancellationToken);

    /// <summary>Incidents, newest first, each with its deliveries.</summary>
    Task<IReadOnlyList<IncidentView>> ListIncidentsAsync(IncidentListRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Leases up to <see cref="DeliveryClaimRequest.Limit"/> pending deliveries that are due (oldest first) to one
    /// node until <see cref="DeliveryClaimRequest.LeaseUntil"/>, counting an attempt on each.
    /// </summary>
    Task<IReadOnlyList<AlertDelivery>> ClaimDeliveriesAsync(DeliveryClaimRequest request, CancellationToken cancellationToken);

    /// <summary>Records a delivery's outcome, fenced by its lease; false when the lease was lost (nothing written).</summary>
    Task<bool> CompleteDeliveryAsync(DeliveryCompletion completion, CancellationToken cancellationToken);

    /// <summary>Deletes up to <paramref name="limit"/> incidents closed before <paramref name="closedBefore"/>, with their deliveries; returns how many.</summary>
    Task<int> PruneIncidentsAsync(DateTimeOffset closedBefore, int limit, CancellationToken cancellationToken);
}
