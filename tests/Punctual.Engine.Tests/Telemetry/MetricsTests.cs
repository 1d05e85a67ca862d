using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Punctual.Engine.Telemetry;
using Punctual.Testing;

namespace Punctual.Engine.Tests.Telemetry;

public sealed class MetricsTests : IAsyncLifetime
{
    // Every engine in this process has a meter named "Punctual" (test classes run in parallel): each measurement keeps
    // its meter, and assertions look only at the meter of this test's engine.
    private readonly ConcurrentBag<(Meter Meter, string Instrument, double Value, Dictionary<string, object?> Tags)> _all = [];
    private readonly MeterListener _listener = new();
    private EngineHarness _h = null!;

    public async Task InitializeAsync()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == EngineMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
        _h = await EngineHarness.StartAsync();
    }

    public async Task DisposeAsync()
    {
        _listener.Dispose();
        await _h.DisposeAsync();
    }

    [Fact]
    public async Task AnAttempt_IsCountedTimedAndItsLatenessRecorded()
    {
        _h.Sink.RespondInOrder(new SinkResponse(500), SinkResponse.Ok);
        await _h.CreateJobAsync("metered-job", """{ "schedule": "0 * * * *", "target": { "url": "SINK/" }, "retry": { "backoff": "1s..1s" } }""");

        await _h.AdvanceAsync(TimeSpan.FromHours(1));
        await _h.AdvanceAsync(TimeSpan.FromSeconds(1));

        var ours = Measurements.Where(m => Equals(m.Tags.GetValueOrDefault("job"), "metered-job")).ToList();
        Assert.NotEmpty(ours);
        Assert.Equal(["failed", "succeeded"], ours.Where(m => m.Instrument == "punctual.runs").Select(m => (string)m.Tags["state"]!).Order());
        Assert.Equal(["succeeded", "transient"], ours.Where(m => m.Instrument == "punctual.attempts").Select(m => (string)m.Tags["outcome"]!).Order());
        Assert.Equal(2, ours.Count(m => m.Instrument == "punctual.attempt.duration"));
        Assert.Single(Measurements, m => m.Instrument == "punctual.fire.lateness"); // the first attempt only
        Assert.Equal(2, Measurements.Count(m => m.Instrument == "punctual.dispatch.lag"));
    }

    [Fact]
    public async Task FireLateness_IsTheFirstStartMinusTheScheduledTime()
    {
        await _h.CreateJobAsync("late", """{ "schedule": "0 * * * *", "target": { "url": "SINK/" } }""");

        _h.Time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(3)); // the node was busy for 3 s
        await _h.StepAsync();

        var lateness = Assert.Single(Measurements, m => m.Instrument == "punctual.fire.lateness");
        Assert.Equal(3, lateness.Value, precision: 3);
        Assert.Equal("schedule", lateness.Tags["origin"]);
    }

    [Fact]
    public async Task Backlog_IsSampledByItsLoop_AndReportedByTheGauge()
    {
        await using var plain = await EngineHarness.StartAsync(o => o.AllowCommands = false);
        await plain.CreateJobAsync("waiting", """{ "schedule": "0 * * * *", "target": { "command": ["/bin/true"] } }""");
        var sampler = plain.Sampler;

        Assert.Empty(Observe());
        var next = await sampler.RunOnceAsync(CancellationToken.None);
        Assert.Equal(plain.Time.GetUtcNow() + new Punctual.Engine.Hosting.EngineOptions().BacklogSampleInterval, next);
        Assert.Contains(0L, Observe());

        await plain.AdvanceAsync(TimeSpan.FromHours(1)); // its run is due; this node does not run commands
        await sampler.RunOnceAsync(CancellationToken.None);

        Assert.Contains(1L, Observe());
    }

    /// <summary>The backlog gauge's current values, as a scrape would read them.</summary>
    private List<long> Observe()
    {
        var values = new List<long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == EngineMetrics.MeterName && instrument.Name == "punctual.runs.due")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, v, _, _) => values.Add(v));
        listener.Start();
        listener.RecordObservableInstruments();
        return values;
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        _all.Add((instrument.Meter, instrument.Name, value, copy));
    }

    /// <summary>This test's engine's measurements: those of the meter that recorded a run of one of its (uniquely named) jobs.</summary>
    private List<(string Instrument, double Value, Dictionary<string, object?> Tags)> Measurements
    {
        get
        {
            var ownJobs = new[] { "metered-job", "late" };
            var meter = _all.FirstOrDefault(m => m.Instrument == "punctual.runs" && ownJobs.Contains(m.Tags.GetValueOrDefault("job"))).Meter;
            return _all.Where(m => m.Meter == meter).Select(m => (m.Instrument, m.Value, m.Tags)).ToList();
        }
    }
}
