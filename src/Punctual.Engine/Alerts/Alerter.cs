using Microsoft.Extensions.Logging;
using Punctual.Core.Alerts;
using Punctual.Core.Definitions;
using Punctual.Core.Incidents;
using Punctual.Engine.Hosting;
using Punctual.Engine.Signals;
using Punctual.Storage;
using Punctual.Storage.Alerts;

namespace Punctual.Engine.Alerts;

/// <summary>
/// Each pass, asks the alert rules which causes hold (jobs with an alert block, monitors) and makes the incidents
/// match: opens, re-alerts, escalates, closes. Every write is guarded in the store (one open incident per cause, re-alerts by
/// compare-and-set), so passes on several nodes, or repeated after a crash, never alert twice.
/// </summary>
public sealed class Alerter(
    IPunctualStore store,
    AlertOptions options,
    IEnumerable<IAlertSource> sources,
    AlertSignals signals,
    TimeProvider time,
    ILogger<Alerter> logger) : IEngineLoop
{
    /// <summary>Closed incidents are pruned at most this often (and in batches of <see cref="PruneBatch"/>).</summary>
    private static readonly TimeSpan PruneEvery = TimeSpan.FromMinutes(10);
    private const int PruneBatch = 1_000;

    private DateTimeOffset _nextPrune = DateTimeOffset.MinValue;

    public string Name => "alerter";

    public WakeSignal? Wake => null;

    public async Task<DateTimeOffset> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var open = (await store.Alerts.ListOpenIncidentsAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(i => i.Cause, StringComparer.Ordinal);
        var watched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            foreach (var (condition, channels, repeat) in await source.EvaluateAsync(now, cancellationToken).ConfigureAwait(false))
            {
                watched.Add(condition.Cause);
                open.TryGetValue(condition.Cause, out var incident);
                await ApplyAsync(condition, channels, repeat, incident, now, cancellationToken).ConfigureAwait(false);
            }
        }

        // A cause nobody watches any more (job deleted, alert removed) cannot clear by itself: close it.
        foreach (var incident in open.Values.Where(i => !watched.Contains(i.Cause)))
        {
            if (await store.Alerts.CloseIncidentAsync(new IncidentCloseRequest(incident.Id, $"{incident.Subject}: no longer watched", now), cancellationToken).ConfigureAwait(false))
            {
                signals.DeliveriesQueued();
            }
        }

        if (now >= _nextPrune)
        {
            _nextPrune = now + PruneEvery;
            while (await store.Alerts.PruneIncidentsAsync(now - options.IncidentRetention, PruneBatch, cancellationToken).ConfigureAwait(false) == PruneBatch)
            {
            }
        }

        return time.GetUtcNow() + options.EvaluateInterval;
    }

    private async Task ApplyAsync(
        AlertCondition condition, IReadOnlyList<string> channels, TimeSpan? repeat, IncidentRecord? incident, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var changed = false;
        var escalates = incident is not null && condition.EscalatesFrom is { } milder && incident.Summary == milder;
        switch (IncidentRules.Decide(incident is not null, incident?.NextAlertAt, condition.Active, now, escalates))
        {
            case IncidentAction.Open:
                var opened = await store.Alerts.OpenIncidentAsync(
                    new IncidentOpenRequest(condition.Cause, condition.Kind, condition.Subject, condition.Summary, condition.Detail, channels, repeat, now),
                    cancellationToken).ConfigureAwait(false);
                if (opened is not null)
                {
                    logger.LogWarning("Incident {Incident} opened: {Summary}", opened.Id, condition.Summary);
                    changed = true;
                }

                break;
            case IncidentAction.Repeat:
                changed = await store.Alerts.RepeatIncidentAsync(
                    new IncidentRepeatRequest(incident!.Id, incident.NextAlertAt!.Value, IncidentRules.NextAlertAt(incident.Repeat, now), now),
                    cancellationToken).ConfigureAwait(false);
                break;
            case IncidentAction.Escalate:
                changed = await store.Alerts.EscalateIncidentAsync(
                    new IncidentEscalateRequest(incident!.Id, incident.Summary, condition.Summary, condition.Detail, IncidentRules.NextAlertAt(incident.Repeat, now), now),
                    cancellationToken).ConfigureAwait(false);
                if (changed)
                {
                    logger.LogWarning("Incident {Incident} escalated: {Summary}", incident.Id, condition.Summary);
                }

                break;
            case IncidentAction.Close:
                changed = await store.Alerts.CloseIncidentAsync(new IncidentCloseRequest(incident!.Id, condition.Summary, now), cancellationToken).ConfigureAwait(false);
                if (changed)
                {
                    logger.LogInformation("Incident {Incident} resolved: {Summary}", incident.Id, condition.Summary);
                }

                break;
        }

        if (changed)
        {
            signals.DeliveriesQueued();
        }
    }
}
