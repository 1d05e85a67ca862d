using Microsoft.Extensions.Logging;
using Punctual.Core.Alerts;
using Punctual.Engine.Channels;
using Punctual.Engine.Hosting;
using Punctual.Engine.Nodes;
using Punctual.Engine.Signals;
using Punctual.Storage;
using Punctual.Storage.Alerts;

namespace Punctual.Engine.Alerts;

/// <summary>
/// The outbox's sender: claims due messages (leased to this node, so one node sends each), sends them through their
/// channels, and records the outcome. A failed send is retried with back-off (<see cref="DeliveryRetry"/>) and, once
/// given up, stays visible as a failed delivery of its incident.
/// </summary>
public sealed class AlertSender(
    IPunctualStore store,
    ChannelSenders senders,
    AlertOptions options,
    AlertSignals signals,
    AlertMetrics metrics,
    NodeIdentity node,
    TimeProvider time,
    ILogger<AlertSender> logger) : IEngineLoop
{
    public string Name => "alert-sender";

    private readonly Lock _retryLock = new();
    private DateTimeOffset? _nextRetry;

    public WakeSignal? Wake => signals.Deliveries;

    public async Task<DateTimeOffset> RunOnceAsync(CancellationToken cancellationToken)
    {
        lock (_retryLock)
        {
            _nextRetry = null;
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var claimed = await store.Alerts.ClaimDeliveriesAsync(
                new DeliveryClaimRequest(now, options.DeliveryBatchSize, node.Id, now + options.DeliveryLease), cancellationToken).ConfigureAwait(false);
            await Task.WhenAll(claimed.Select(d => SendAsync(d, cancellationToken))).ConfigureAwait(false);
            if (claimed.Count < options.DeliveryBatchSize)
            {
                break;
            }
        }

        // Wake for the earliest retry this node scheduled, or poll for what other nodes left behind.
        var poll = time.GetUtcNow() + options.DeliveryPollInterval;
        lock (_retryLock)
        {
            return _nextRetry is { } retry && retry < poll ? retry : poll;
        }
    }

    private async Task SendAsync(AlertDelivery delivery, CancellationToken cancellationToken)
    {
        var record = delivery.Delivery;
        string? error;
        if (delivery.ChannelSpecJson is null)
        {
            error = $"channel '{record.Channel}' does not exist";
        }
        else
        {
            error = await senders.SendAsync(delivery.ChannelSpecJson, AlertMessage.From(delivery, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        }

        var now = time.GetUtcNow();
        var retryAt = error is null || delivery.ChannelSpecJson is null ? null : DeliveryRetry.Next(record.Attempts, now);
        await store.Alerts.CompleteDeliveryAsync(new DeliveryCompletion(record.Id, node.Id, now, error is null, error, retryAt), CancellationToken.None).ConfigureAwait(false);
        if (error is null)
        {
            metrics.Sent(record.Channel, record.Event);
            return;
        }

        metrics.Failed(record.Channel, record.Event, retryAt is null);
        if (retryAt is { } next)
        {
            lock (_retryLock)
            {
                _nextRetry = _nextRetry is { } earliest && earliest < next ? earliest : next;
            }
        }

        logger.LogWarning(
            "Alert delivery {Delivery} (incident {Incident}, {Event}) to channel {Channel} failed (try {Attempt}): {Error}; {Next}",
            record.Id, delivery.Incident.Id, record.Event, record.Channel, record.Attempts, error,
            retryAt is { } at ? $"retrying at {Core.Time.Instants.Format(at)}" : "given up");
    }
}
