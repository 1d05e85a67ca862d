using System.Diagnostics.Metrics;
using Punctual.Engine.Telemetry;

namespace Punctual.Engine.Alerts;

/// <summary>
/// Alert delivery counters on the engine's meter (exported at /metrics): <c>punctual.alerts.sent</c> and
/// <c>punctual.alerts.failed</c> (each failed try; <c>final</c>=true when it was given up), by channel and event.
/// </summary>
public sealed class AlertMetrics : IDisposable
{
    private readonly Meter _meter = new(EngineMetrics.MeterName);
    private readonly Counter<long> _sent;
    private readonly Counter<long> _failed;

    public AlertMetrics()
    {
        _sent = _meter.CreateCounter<long>("punctual.alerts.sent", description: "Alert messages delivered, by channel and event");
        _failed = _meter.CreateCounter<long>("punctual.alerts.failed", description: "Alert delivery tries that failed, by channel, event and whether it was the last");
    }

    public void Sent(string channel, string @event) =>
        _sent.Add(1, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("event", @event));

    public void Failed(string channel, string @event, bool final) =>
        _failed.Add(
            1,
            new KeyValuePair<string, object?>("channel", channel),
            new KeyValuePair<string, object?>("event", @event),
            new KeyValuePair<string, object?>("final", final ? "true" : "false"));

    public void Dispose() => _meter.Dispose();
}
