using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Punctual.Storage;
using Punctual.Storage.Gates;

namespace Punctual.Engine.Telemetry;

/// <summary>
/// Per-gate gauges (meter <see cref="EngineMetrics.MeterName"/>): backlog (runs due and waiting for the gate),
/// in-flight attempts, effective rate, paused and held. They are cluster-wide figures read from the store, so every
/// node reports the same values. The store is read only when /metrics is scraped, at most once per
/// <see cref="RefreshInterval"/>: an idle cluster that nobody scrapes pays nothing for them.
/// </summary>
public sealed class GateMetrics : IDisposable
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(2);

    private readonly Meter _meter = new(EngineMetrics.MeterName);
    private readonly IPunctualStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<GateMetrics> _logger;
    private readonly Lock _lock = new();
    private IReadOnlyList<GateView> _gates = [];
    private DateTimeOffset? _readAt;

    public GateMetrics(IPunctualStore store, TimeProvider time, ILogger<GateMetrics> logger)
    {
        _store = store;
        _time = time;
        _logger = logger;
        _meter.CreateObservableGauge("punctual.gate.backlog", () => Measure(g => (double)g.Backlog), description: "Runs due and waiting for the gate, cluster-wide");
        _meter.CreateObservableGauge("punctual.gate.in_flight", () => Measure(g => g.InFlight), description: "Attempts in flight through the gate, cluster-wide");
        _meter.CreateObservableGauge(
            "punctual.gate.effective_rate", () => Measure(g => g.Limits.EffectiveRate(g.State)), "1/s",
            "Attempts per second the gate allows now (below its rate while an adaptive gate backs off)");
        _meter.CreateObservableGauge("punctual.gate.paused", () => Measure(g => g.Paused ? 1 : 0), description: "1 while the gate is paused");
        _meter.CreateObservableGauge(
            "punctual.gate.held", () => Measure(g => g.State?.HeldUntil > _time.GetUtcNow() ? 1 : 0),
            description: "1 while a Retry-After holds the whole gate");
    }

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<double>> Measure(Func<GateView, double> value) =>
        Current().Select(gate => new Measurement<double>(value(gate), new KeyValuePair<string, object?>("gate", gate.Name))).ToList();

    private IReadOnlyList<GateView> Current()
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            if (_readAt is { } at && now - at < RefreshInterval)
            {
                return _gates;
            }

            // A scrape is synchronous; the read is bounded, and a failure keeps the last figures (and retries next time).
            _readAt = now;
            try
            {
                using var timeout = new CancellationTokenSource(ReadTimeout, _time);
                _gates = _store.Gates.ListAsync(now, timeout.Token).GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is StoreException or OperationCanceledException)
            {
                _logger.LogWarning(e, "Reading the gates for /metrics failed; the gate gauges keep their last values");
            }

            return _gates;
        }
    }
}
