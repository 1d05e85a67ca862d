using System.Diagnostics.Metrics;
using Punctual.Core.Outcomes;
using Punctual.Core.Runs;

namespace Punctual.Engine.Telemetry;

/// <summary>
/// The engine's instruments (meter <see cref="MeterName"/>), exported by the server at /metrics in Prometheus
/// format. Recorded with the BCL's System.Diagnostics.Metrics, so the engine needs no exporter and tests can listen
/// with a MeterListener. Job names are labels: bounded by the number of jobs, and capped by the exporter.
/// </summary>
public sealed class EngineMetrics : IDisposable
{
    public const string MeterName = "Punctual";

    private static readonly double[] DurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];
    private static readonly double[] LatenessBuckets = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5, 30, 60, 600];
    private static readonly double[] StoreBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5];

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _runs;
    private readonly Counter<long> _attempts;
    private readonly Histogram<double> _attemptDuration;
    private readonly Histogram<double> _lateness;
    private readonly Histogram<double> _dispatchLag;
    private long _backlog = -1;
    private long _takeovers;
    private readonly Histogram<double> _storeDuration;

    public EngineMetrics(Dispatching.InFlightRegistry inFlight)
    {
        _meter.CreateObservableGauge("punctual.attempts.in_flight", () => (long)inFlight.Count, description: "Attempts in flight on this node");
        _runs = _meter.CreateCounter<long>("punctual.runs", description: "Runs that reached a state after an attempt or a decision, by job and state");
        _attempts = _meter.CreateCounter<long>("punctual.attempts", description: "Attempts finished, by job and outcome");
        _attemptDuration = _meter.CreateHistogram<double>(
            "punctual.attempt.duration", "s", "Duration of attempts, by job and outcome",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _lateness = _meter.CreateHistogram<double>(
            "punctual.fire.lateness", "s", "First attempt's start minus the run's scheduled time (jitter included), by origin",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatenessBuckets });
        _dispatchLag = _meter.CreateHistogram<double>(
            "punctual.dispatch.lag", "s", "Every attempt's start minus its due time (retries included, jitter and backoff not), by origin",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatenessBuckets });
        _meter.CreateObservableGauge(
            "punctual.runs.due",
            () => Interlocked.Read(ref _backlog) is var due and >= 0 ? [new Measurement<long>(due)] : Array.Empty<Measurement<long>>(),
            description: "Runs due and not claimed (the backlog), across the cluster, sampled every few seconds");
        // Observed, not added: exported (as 0) from the first scrape, so rate() and alerts work before the first takeover,
        // whenever the exporter started listening.
        _meter.CreateObservableCounter(
            "punctual.lease.takeovers", () => Interlocked.Read(ref _takeovers), description: "Runs rescued after their node stopped renewing the lease");
        _storeDuration = _meter.CreateHistogram<double>(
            "punctual.store.duration", "s", "Duration of store calls, by operation and outcome",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = StoreBuckets });
    }

    public void AttemptFinished(string? job, AttemptResult result, TimeSpan duration, RunState runState)
    {
        var jobTag = new KeyValuePair<string, object?>("job", job ?? "task");
        var outcome = new KeyValuePair<string, object?>("outcome", result.Outcome.ToString().ToLowerInvariant());
        _attempts.Add(1, jobTag, outcome);
        _attemptDuration.Record(duration.TotalSeconds, jobTag, outcome);
        _runs.Add(1, jobTag, new KeyValuePair<string, object?>("state", RunStates.ToText(runState)));
    }

    public void RunsSettled(string state, long count)
    {
        if (count > 0)
        {
            _runs.Add(count, new KeyValuePair<string, object?>("job", "*"), new KeyValuePair<string, object?>("state", state));
        }
    }

    /// <param name="lateness">Start minus the run's scheduled time; recorded for a run's first attempt only.</param>
    /// <param name="lag">Start minus the attempt's due time.</param>
    public void AttemptStarted(RunOrigin origin, int attempt, TimeSpan lateness, TimeSpan lag)
    {
        var tag = new KeyValuePair<string, object?>("origin", RunOrigins.ToText(origin));
        if (attempt == 1)
        {
            _lateness.Record(Math.Max(0, lateness.TotalSeconds), tag);
        }

        _dispatchLag.Record(Math.Max(0, lag.TotalSeconds), tag);
    }

    /// <summary>The latest backlog count (<see cref="BacklogSampler"/>); the gauge reports nothing until the first.</summary>
    public void BacklogSampled(long due) => Interlocked.Exchange(ref _backlog, due);

    public void LeasesTakenOver(long count)
    {
        if (count > 0)
        {
            Interlocked.Add(ref _takeovers, count);
        }
    }

    public void StoreCall(string operation, TimeSpan duration, bool failed) =>
        _storeDuration.Record(
            duration.TotalSeconds,
            new KeyValuePair<string, object?>("operation", operation),
            new KeyValuePair<string, object?>("outcome", failed ? "error" : "ok"));

    public void Dispose() => _meter.Dispose();
}
